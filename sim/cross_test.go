package sim_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/therasim/therasim/internal/testenv"
)

// TestCrossPlatform compiles this package's tests for other targets and
// runs TestGolden there, so the golden event streams written on one machine
// must come out byte for byte the same:
//   - js/wasm under Node, through Go's go_js_wasm_exec (wasm never fuses
//     floating-point operations);
//   - linux/arm64 under qemu-aarch64-static when installed (arm64 fuses
//     x*y+z unless the product is converted explicitly);
//   - amd64 built for GOAMD64=v3, where the compiler fuses too, when this
//     processor can run it.
//
// Targets whose runner is missing are skipped with the reason; the
// project's setup script installs Node and qemu-user-static.
func TestCrossPlatform(t *testing.T) {
	testenv.SkipShort(t, "builds for other platforms")
	goBin := testenv.GoTool()
	tests := []struct {
		name   string
		env    []string
		runner func(bin string) (*exec.Cmd, string)
	}{
		{"js-wasm", []string{"GOOS=js", "GOARCH=wasm"}, func(bin string) (*exec.Cmd, string) {
			if _, err := exec.LookPath("node"); err != nil {
				return nil, "node is not installed"
			}
			exe := testenv.GoRoot("lib", "wasm", "go_js_wasm_exec")
			if _, err := os.Stat(exe); err != nil {
				exe = testenv.GoRoot("misc", "wasm", "go_js_wasm_exec")
			}
			return exec.Command(exe, bin, "-test.run=^TestGolden$"), ""
		}},
		{"linux-arm64", []string{"GOOS=linux", "GOARCH=arm64"}, func(bin string) (*exec.Cmd, string) {
			q, err := exec.LookPath("qemu-aarch64-static")
			if err != nil {
				return nil, "qemu-aarch64-static is not installed"
			}
			return exec.Command(q, bin, "-test.run=^TestGolden$"), ""
		}},
		{"amd64-v3-fma", []string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v3"}, func(bin string) (*exec.Cmd, string) {
			if runtime.GOARCH != "amd64" || runtime.GOOS != "linux" {
				return nil, "not on linux/amd64"
			}
			info, _ := os.ReadFile("/proc/cpuinfo")
			if !strings.Contains(string(info), " fma ") || !strings.Contains(string(info), " avx2 ") {
				return nil, "this processor cannot run GOAMD64=v3 code"
			}
			return exec.Command(bin, "-test.run=^TestGolden$"), ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bin := filepath.Join(t.TempDir(), "sim.test")
			if _, why := tt.runner(bin); why != "" {
				t.Skip(why)
			}
			build := exec.Command(goBin, "test", "-c", "-o", bin, ".")
			build.Env = append(os.Environ(), tt.env...)
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("build: %v\n%s", err, out)
			}
			cmd, _ := tt.runner(bin)
			cmd.Dir = "."
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("TestGolden on %s: %v\n%s", tt.name, err, out)
			}
		})
	}
}
