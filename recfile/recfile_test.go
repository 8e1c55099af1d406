package recfile_test

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/therasim/therasim/recfile"
)

// TestOneWriter: while one writer holds a recording, a second is refused
// at once, whether it would go on with it or create it; once the first
// closes, the next may write.
func TestOneWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	first, err := recfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.WriteString("{}\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := recfile.Append(path); !errors.Is(err, recfile.ErrBusy) {
		t.Errorf("a second writer: %v, want ErrBusy", err)
	}
	if _, err := recfile.Create(path); !errors.Is(err, recfile.ErrBusy) {
		t.Errorf("creating it again while it is written: %v, want ErrBusy", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := recfile.Create(path); !errors.Is(err, fs.ErrExist) {
		t.Errorf("creating a recording that exists: %v, want fs.ErrExist", err)
	}
	next, err := recfile.Append(path)
	if err != nil {
		t.Fatalf("after the first writer closed: %v", err)
	}
	if _, err := next.WriteString("{}\n"); err != nil {
		t.Fatal(err)
	}
	next.Close()
	if data, _ := os.ReadFile(path); string(data) != "{}\n{}\n" {
		t.Errorf("the recording holds %q", data)
	}
	if _, err := recfile.Append(filepath.Join(t.TempDir(), "none.jsonl")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a recording that does not exist: %v", err)
	}
}

// TestNothingBeside: the lock is on the recording itself; a writer leaves
// no other file in the folder, while it writes or after.
func TestNothingBeside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.jsonl")
	names := func() []string {
		des, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range des {
			out = append(out, d.Name())
		}
		return out
	}
	f, err := recfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 1 || got[0] != "run.jsonl" {
		t.Errorf("while recording, the folder holds %q", got)
	}
	f.Close()
	g, err := recfile.Append(path)
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	if got := names(); len(got) != 1 || got[0] != "run.jsonl" {
		t.Errorf("after recording, the folder holds %q", got)
	}
}

// held is the recording the other program of TestOtherProgram holds.
var held *recfile.File

// TestOtherProgram: a recording another program writes is refused with
// ErrBusy; when that program ends, however it ends, the lock is released.
func TestOtherProgram(t *testing.T) {
	if path := os.Getenv("RECFILE_HOLD"); path != "" {
		// The other program: take the lock, say so, and wait to be killed.
		f, err := recfile.Append(path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		held = f // not closed by a finalizer while it waits
		fmt.Println("holding")
		time.Sleep(10 * time.Minute) // a sleep, not select{}: that would be a deadlock, and exit
		os.Exit(1)
	}
	path := filepath.Join(t.TempDir(), "run.jsonl")
	if err := os.WriteFile(path, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOtherProgram$")
	cmd.Env = append(os.Environ(), "RECFILE_HOLD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "holding\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the other program says %q", line)
	}
	if _, err := recfile.Append(path); !errors.Is(err, recfile.ErrBusy) {
		t.Errorf("while another program writes: %v, want ErrBusy", err)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "{}\n" {
		t.Errorf("reading it meanwhile: %q, %v", data, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	f, err := recfile.Append(path)
	if err != nil {
		t.Fatalf("after the other program was killed: %v", err)
	}
	f.Close()
}
