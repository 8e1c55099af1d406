//go:build js

package ui

import (
	"context"
	"encoding/json"
	"net/http"
	"syscall/js"
	"time"

	"github.com/therasim/therasim/classroom"
)

// downloadable: the browser saves a recording the trainee asks for.
var downloadable = true

// detectClass asks the server that served the page whether it is a class
// server (classroom.PathClass, with a short wait): base is its address
// (the page's origin), instructor says that the page is the instructor's
// (classroom.InstructorPage), and ok that it is a class server. A page
// served by any other web server plays on its own.
func detectClass() (base string, instructor bool, ok bool) {
	loc := js.Global().Get("location")
	if !loc.Truthy() {
		return "", false, false
	}
	base = loc.Get("origin").String()
	if base == "" || base == "null" {
		return "", false, false // a page opened from a file
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	c := &classClient{base: base, hc: http.DefaultClient}
	b, err := c.get(ctx, classroom.PathClass)
	if err != nil {
		return "", false, false
	}
	var info classroom.ClassInfo
	if json.Unmarshal(b, &info) != nil || info.Class == "" {
		return "", false, false
	}
	return base, loc.Get("pathname").String() == classroom.InstructorPage, true
}

// download hands a recording to the browser to save as name.
func download(name string, data []byte) error {
	return downloadFile(name, "application/x-ndjson", data)
}
