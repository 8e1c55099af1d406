package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	pemlib "encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/internal/testenv"
	"github.com/therasim/therasim/scenarios"
	"github.com/therasim/therasim/sim"
)

// The command line of serve: what it refuses before serving.
func TestServeRefuses(t *testing.T) {
	web := fakeWebDir(t)
	noProgram := t.TempDir()
	os.WriteFile(filepath.Join(noProgram, "index.html"), []byte("<html>"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"an argument", []string{"serve", "runs"}, exitUsage, "serve takes no arguments"},
		{"a certificate without its key", []string{"serve", "--tls-cert", "c.pem"}, exitUsage, "HTTPS needs both --tls-cert and --tls-key"},
		{"an address without a port", []string{"serve", "--web", web, "--addr", "localhost"}, exitUsage, "--addr localhost: give HOST:PORT"},
		{"a --web that is no folder", []string{"serve", "--web", filepath.Join(web, "none")}, exitUsage, "is not a folder"},
		{"a --web without the program", []string{"serve", "--web", noProgram, "--runs", t.TempDir()}, exitBad, "is not a browser version of TheraSim"},
		{"a --scenarios that is no folder", []string{"serve", "--web", web, "--scenarios", filepath.Join(web, "none")}, exitUsage, "is not a folder of scenarios"},
	}
	if entries, _ := embeddedWeb(); !hasProgram(entries) {
		cases = append(cases, struct {
			name string
			args []string
			code int
			says string
		}{"no browser version built in", []string{"serve", "--runs", t.TempDir()}, exitBad, "this therasim was built without the browser version: build it with `make build`"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			therasim(t, "", tc.args...).want(t, tc.code, tc.says)
		})
	}
	if r := therasim(t, "", "help", "serve"); r.code != 0 || !strings.Contains(r.stdout, "--runs DIR") || !strings.Contains(r.stdout, "class code") {
		t.Errorf("help serve: %d\n%s", r.code, r.stdout)
	}
}

func embeddedWeb() ([]string, error) {
	entries, err := web.ReadDir("web")
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out, err
}

func hasProgram(names []string) bool {
	for _, n := range names {
		if n == "therasim.wasm" || n == "therasim.wasm.gz" {
			return true
		}
	}
	return false
}

// fakeWebDir is a browser build of a page and a few bytes for the
// program: the API is what these tests are about.
func fakeWebDir(t *testing.T) string {
	dir := t.TempDir()
	for name, data := range map[string]string{"index.html": "<!DOCTYPE html><title>TheraSim</title>", "therasim.wasm": "\x00asm\x01\x00\x00\x00"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A class goes on through a crash: the server is killed (SIGKILL) while
// several trainees send their choices and their answers to the courses'
// check-ins; every choice and answer it acknowledged is on disk; started
// again on the same folder and port, it has the same code, takes what the
// trainees had not seen acknowledged, and every run ends whole; the
// trainees' recall of the finished runs comes in, and every run verifies.
// The exports, the class's summary and profiles are those 'therasim
// replay' writes, and SIGTERM stops the server cleanly.
func TestServeSurvivesAKill(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("sends SIGKILL and SIGTERM")
	}
	testenv.SkipShort(t, "builds therasim and serves a class")
	bin := filepath.Join(t.TempDir(), "therasim")
	build := exec.Command(testenv.GoTool(), "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	web, runs := fakeWebDir(t), t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	m, err := scenarios.Model()
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := scenarios.Shipped(m)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := scenarios.OpenPolicy("competent")
	if err != nil {
		t.Fatal(err)
	}
	const trainees = 4
	courses := make([]served, trainees)
	asked := 0
	for i := range courses {
		courses[i] = playCourse(t, shipped[i%len(shipped)], pol, fmt.Sprintf("Trainee %d", i+1), uint64(i+1))
		asked += len(courses[i].checkIns)
	}
	if asked == 0 {
		t.Fatal("no course asked a check-in: the test needs some")
	}

	srv := startServe(t, bin, runs, web, addr)
	code := srv.code
	// The trainees play; the server is killed when they are well into
	// their courses.
	var wg sync.WaitGroup
	for i := range courses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			courses[i].sendAll(addr, code, true)
		}()
	}
	for total := 0; total < 40; {
		time.Sleep(5 * time.Millisecond)
		total = 0
		for i := range courses {
			total += courses[i].ackedNow()
		}
	}
	srv.cmd.Process.Signal(syscall.SIGKILL)
	srv.cmd.Wait()
	wg.Wait()

	for i := range courses {
		co := &courses[i]
		if co.acked == 0 {
			continue
		}
		onDisk := readLenient(t, filepath.Join(runs, co.file))
		if len(onDisk.Choices) < co.acked || len(onDisk.CheckIns) < co.ackedCheckIns {
			t.Errorf("%s: %d choices and %d check-in answers acknowledged, %d and %d on disk", co.file, co.acked, co.ackedCheckIns, len(onDisk.Choices), len(onDisk.CheckIns))
		}
		for k, c := range onDisk.Choices {
			if c != co.choices[k] {
				t.Fatalf("%s: choice %d on disk is %+v, played %+v", co.file, k+1, c, co.choices[k])
			}
		}
		if co.acked == len(co.choices) {
			t.Errorf("%s: the whole course was acknowledged before the kill; the test kills too late", co.file)
		}
	}

	again := startServe(t, bin, runs, web, addr)
	if again.code != code {
		t.Fatalf("the class code was %s, and is %s after the restart", code, again.code)
	}
	for i := range courses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			courses[i].sendAll(addr, code, false)
		}()
	}
	wg.Wait()
	for i := range courses {
		co := &courses[i]
		if co.err != nil {
			t.Fatalf("%s after the restart: %v", co.trainee, co.err)
		}
		rec := readLenient(t, filepath.Join(runs, co.file))
		if len(rec.Choices) != len(co.choices) || len(rec.CheckIns) != len(co.checkIns) {
			t.Errorf("%s: %d choices of %d, %d check-in answers of %d", co.file, len(rec.Choices), len(co.choices), len(rec.CheckIns), len(co.checkIns))
		}
		// The trainee's recall of the finished run, from the debrief.
		recall := classroom.Append{Code: code, Trainee: co.trainee, Run: "run-1", Header: co.header, RecallFrom: 1,
			Recall: []sim.Recall{{Type: "recall", Choice: 1, Text: "I did not know where to begin."}}}
		var ack classroom.Acked
		if status, b := post(t, addr, recall, &ack); status != 200 || ack.Recall != 1 {
			t.Errorf("%s's recall: %d %s", co.trainee, status, b)
		}
		r := therasim(t, "", "replay", "verify", filepath.Join(runs, co.file))
		if r.code != 0 || !strings.Contains(r.stdout, "the run is complete") {
			t.Errorf("replay verify %s: %d %s %s", co.file, r.code, r.stdout, r.stderr)
		}
	}
	// The server's exports are the command line's.
	for _, ext := range []string{".csv", ".html"} {
		out := filepath.Join(t.TempDir(), "x"+ext)
		if r := therasim(t, "", "replay", filepath.Join(runs, courses[0].file), "--export", out); r.code != 0 {
			t.Fatalf("replay --export: %s", r.stderr)
		}
		want, _ := os.ReadFile(out)
		got := again.get(t, classroom.PathExport+courses[0].file+ext)
		if !bytes.Equal(got, want) {
			t.Errorf("the server's %s export (%d bytes) is not 'therasim replay --export' (%d bytes)", ext, len(got), len(want))
		}
	}
	if r := therasim(t, "", "replay", "--class", runs); r.code != 0 || !strings.Contains(r.stdout, shipped[0].Title) {
		t.Errorf("replay --class of the server's folder: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, export := range []string{classroom.ClassSummary, classroom.ClassProfiles} {
		out := filepath.Join(t.TempDir(), export)
		if r := therasim(t, "", "replay", "--summary", out, runs); r.code != 0 {
			t.Fatalf("replay --summary %s: %s", export, r.stderr)
		}
		want, _ := os.ReadFile(out)
		if got := again.get(t, classroom.PathExport+export); !bytes.Equal(got, want) {
			t.Errorf("the server's %s (%d bytes) is not 'therasim replay --summary' (%d bytes)", export, len(got), len(want))
		}
	}
	again.cmd.Process.Signal(syscall.SIGTERM)
	if err := again.cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v", err)
	}
	if !strings.Contains(again.out.String(), "Stopping: every choice acknowledged is in") {
		t.Errorf("the server did not say it stopped:\n%s", again.out.String())
	}
}

// serving is a 'therasim serve' started by a test.
type serving struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	code string
	key  string
	addr string
}

// startServe starts therasim serve and waits until it answers.
func startServe(t *testing.T, bin, runs, web, addr string) *serving {
	t.Helper()
	s := &serving{out: &syncBuffer{}, addr: addr}
	s.cmd = exec.Command(bin, "serve", "--runs", runs, "--web", web, "--addr", addr)
	s.cmd.Stdout = s.out
	s.cmd.Stderr = s.out
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); s.cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + classroom.PathClass)
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server does not answer:\n%s", s.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	sc := bufio.NewScanner(strings.NewReader(s.out.String()))
	for sc.Scan() {
		if c, ok := strings.CutPrefix(sc.Text(), "Class code:"); ok {
			s.code = strings.TrimSpace(c)
		}
		if k, ok := strings.CutPrefix(sc.Text(), "Instructor key (keep it to yourself):"); ok {
			s.key = strings.TrimSpace(k)
		}
	}
	if s.code == "" || s.key == "" {
		t.Fatalf("the server did not print the code and key:\n%s", s.out.String())
	}
	return s
}

// get fetches an instructor's path.
func (s *serving) get(t *testing.T, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://"+s.addr+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return b
}

// served is a trainee's course as their browser sends it.
type served struct {
	trainee  string
	header   sim.Header
	choices  []sim.ChoiceRecord
	checkIns []sim.CheckInAnswer // the trainee's answers to its check-ins
	mu       sync.Mutex
	acked    int // choices the server acknowledged
	// ackedCheckIns is how many answers the server acknowledged.
	ackedCheckIns int
	file          string // its recording
	err           error  // why the sending stopped, other than the server's going
}

func (s *served) ackedNow() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.acked
}

// sendAll sends the choices not acknowledged yet, one at a time as they
// are made (several at once after a restart, as a browser's queue), each
// with the answers given before it, until the course is sent or, when
// stopOnFailure, the server cannot be reached.
func (s *served) sendAll(addr, code string, stopOnFailure bool) {
	client := &http.Client{Timeout: 10 * time.Second}
	for s.ackedNow() < len(s.choices) {
		from := s.ackedNow()
		to := from + 1
		if !stopOnFailure {
			to = min(len(s.choices), from+7)
		}
		a := classroom.Append{Code: code, Trainee: s.trainee, Run: "run-1", Header: s.header, Choices: s.choices[from:to]}
		s.mu.Lock()
		for _, ci := range s.checkIns[s.ackedCheckIns:] {
			if ci.Choice <= to {
				a.CheckIns, a.CheckInsFrom = append(a.CheckIns, ci), s.ackedCheckIns+1
			}
		}
		s.mu.Unlock()
		body, _ := json.Marshal(a)
		resp, err := client.Post("http://"+addr+classroom.PathAppend, "application/json", bytes.NewReader(body))
		if err != nil {
			if stopOnFailure {
				return
			}
			s.err = err
			return
		}
		var ack classroom.Acked
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || json.Unmarshal(b, &ack) != nil {
			s.err = fmt.Errorf("%d %s", resp.StatusCode, b)
			return
		}
		s.mu.Lock()
		s.acked, s.ackedCheckIns, s.file = ack.Acked, ack.CheckIns, ack.Recording
		s.mu.Unlock()
	}
}

// post posts v to the class server at addr's PathAppend, and decodes a
// 200's answer into out: the status and the body.
func post(t *testing.T, addr string, v, out any) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(v)
	resp, err := http.Post("http://"+addr+classroom.PathAppend, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		json.Unmarshal(b, out)
	}
	return resp.StatusCode, b
}

// playCourse plays sc through with policy p, as trainee, recording it as
// a browser does: the answer to each check-in asked (its first pull) before
// the choice.
func playCourse(t *testing.T, sc *sim.Scenario, p *sim.Policy, trainee string, seed uint64) served {
	t.Helper()
	r := sim.NewRun(sc, seed)
	var buf bytes.Buffer
	rec, err := sim.NewRecorder(&buf, sim.NewHeader(r, trainee, "2026-03-14T09:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	ch := p.Chooser(seed)
	for n := 1; !r.Done(); n++ {
		if pr := r.Prompt(); pr.CheckIn != nil {
			if err := rec.CheckIn(sim.CheckInAnswer{Choice: n, Session: pr.Session, Beat: pr.Beat, Pulls: []string{pr.CheckIn.Pulls[0].ID}, Text: "I notice it."}); err != nil {
				t.Fatal(err)
			}
		}
		ev, err := r.Choose(ch.Pick(r))
		if err == nil {
			err = rec.Record(r, ev)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := sim.ParseRecording(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return served{trainee: trainee, header: got.Header, choices: got.Choices, checkIns: got.CheckIns}
}

// readLenient reads a recording, a last line cut off by the kill left out
// (it was never acknowledged).
func readLenient(t *testing.T, path string) *sim.Recording {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = data[:bytes.LastIndexByte(data, '\n')+1]
	rec, err := sim.ParseRecording(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rec
}

// syncBuffer is a buffer a process writes to while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// What serve refuses once the command line is right: a runs folder
// another server serves, a port another program listens at. It says so,
// exits 3 and prints nothing of the class.
func TestServeRefusesWhatIsTaken(t *testing.T) {
	web := fakeWebDir(t)
	served := t.TempDir()
	other, err := classroom.New(classroom.Config{Dir: served, Web: os.DirFS(web)})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, tc := range []struct {
		name, runs, addr string
		says             []string
	}{
		{"a folder another server serves", served, "127.0.0.1:0",
			[]string{"another 'therasim serve' is serving the runs folder " + served, "stop it first (Ctrl-C in its window), or give this one another --runs folder"}},
		{"a port another program listens at", t.TempDir(), ln.Addr().String(),
			[]string{"another program on this computer (perhaps another 'therasim serve') listens there", "--addr :8081"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := therasim(t, "", "serve", "--web", web, "--runs", tc.runs, "--addr", tc.addr)
			r.want(t, exitIO, tc.says...)
			if strings.Contains(r.stdout, "Class code") || strings.Contains(r.stdout, other.Key()) {
				t.Errorf("the refused server printed the class:\n%s", r.stdout)
			}
		})
	}
}

// A certificate and key that cannot serve HTTPS are refused before
// anything is made or printed, naming the file and what is wrong with it.
func TestServeChecksTheCertificate(t *testing.T) {
	web, dir := fakeWebDir(t), t.TempDir()
	pem := func(name, kind string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pemlib.EncodeToMemory(&pemlib.Block{Type: kind, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	key, other := newKey(), newKey()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "class"}, DNSNames: []string{"localhost"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	otherDER, _ := x509.MarshalPKCS8PrivateKey(other)
	cert, priv := pem("cert.pem", "CERTIFICATE", der), pem("key.pem", "PRIVATE KEY", keyDER)
	wrong := pem("other-key.pem", "PRIVATE KEY", otherDER)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a certificate\n"), 0o600)
	missing := filepath.Join(dir, "missing.pem")

	if _, err := loadCertificate(cert, priv); err != nil {
		t.Fatalf("a good pair: %v", err)
	}
	for _, tc := range []struct {
		name, cert, key, says string
	}{
		{"a missing certificate", missing, priv, "cannot read the certificate of --tls-cert " + missing + ": no such file"},
		{"a missing key", cert, missing, "cannot read the private key of --tls-key " + missing + ": no such file"},
		{"a certificate that is not one", text, priv, "--tls-cert " + text + " holds no certificate"},
		{"a key that is not one", cert, text, "--tls-key " + text + " holds no private key"},
		{"the files the wrong way round", priv, cert, "--tls-cert " + priv + " holds a private key, not a certificate: are the two files given the wrong way round?"},
		{"a certificate twice", cert, cert, "--tls-key " + cert + " holds a certificate, not its private key"},
		{"another certificate's key", cert, wrong, "the private key in --tls-key " + wrong + " is not the key of the certificate in --tls-cert " + cert},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runs := filepath.Join(t.TempDir(), "class")
			r := therasim(t, "", "serve", "--web", web, "--runs", runs, "--addr", "127.0.0.1:0", "--tls-cert", tc.cert, "--tls-key", tc.key)
			r.want(t, exitBad, tc.says)
			if r.stdout != "" {
				t.Errorf("printed before refusing:\n%s", r.stdout)
			}
			if _, err := os.Stat(runs); err == nil {
				t.Errorf("the runs folder was made")
			}
		})
	}
}
