module github.com/therasim/therasim

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/expr-lang/expr v1.17.8 // indirect
	golang.org/x/exp v0.0.0-20261014143641-f0251eb4aa3e // indirect
)
