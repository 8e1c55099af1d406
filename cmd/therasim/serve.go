package main

import (
	"context"
	"crypto/tls"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/therasim/therasim/classroom"
	"github.com/therasim/therasim/sim"
)

// web is the browser version 'make build' puts in cmd/therasim/web; a
// therasim built with go build alone holds only its README.
//
//go:embed web
var web embed.FS

// defaultAddr is where serve listens unless told: every interface of the
// machine, so that the class's computers reach it, on port 8080, which
// needs no administrator's rights (below 1024 would) and which networks
// seldom block.
const defaultAddr = ":8080"

var serveCommand = &command{
	name:    "serve",
	args:    "[--runs DIR] [--scenarios DIR] [--addr HOST:PORT] [--tls-cert FILE --tls-key FILE]",
	summary: "run a class: trainees play in their browsers, every choice recorded here",
	help: `'therasim serve' runs TheraSim for a class. It prints the address to give
the trainees, the class code, and the instructor's page and key. Each trainee
opens the address in a browser on the same network, types the class code and
their name, and plays there; every choice they make is sent here, checked
against the scenario (re-simulated) and recorded in the runs folder, and so
are their answers to the courses' check-ins and the recall they write in
the debrief afterwards. What the server has not acknowledged stays in the
trainee's browser and is sent again, so a closed tab, a lost connection or
a restarted server loses nothing.

The instructor opens the instructor's page with the key and sees the class
view and each run's debrief as the runs come in, writes notes (they are
added to the recordings) and downloads the exports: each run's report,
table and competence profile, and the class's table, its competence
profiles and the supervisor's summary of the class (as 'therasim replay
--export' and '--summary' write them).

The runs folder (--runs, ./therasim-class unless told) is an ordinary
folder of recordings with their kept/ copies: 'therasim replay DIR' shows
the same class from it, during the class or after. The class code and the
instructor key are kept there too (in the hidden file .therasim-class.json,
which only you can read), so a server started again on the same folder has
the same ones, and the trainees' browsers go on where they were.

The scenarios offered are those that come with TheraSim and, with
--scenarios, the .toml files of a folder of your own; a file with mistakes
is not offered, and its mistakes are printed when the server starts (as
'therasim check' prints them).

The server listens on every network interface of this computer, port 8080
(--addr :8080), unless --addr says otherwise: --addr localhost:8080 serves
this computer only. With --tls-cert and --tls-key it serves HTTPS. Stop it
with Ctrl-C.

One server serves a runs folder at a time: a second 'therasim serve' on
the same folder is refused while the first runs (it would mix the two
servers' choices in the recordings).

Exit status: 0 when stopped with Ctrl-C; 1 when this therasim has no
browser version (build it with 'make build'), or the certificate or key
of --tls-cert and --tls-key cannot be read or are not a pair; 2 for a
wrong command line;
3 when the runs folder cannot be written or another 'therasim serve'
serves it, or the port is in use.

Examples:
  therasim serve
  therasim serve --runs seminar-3 --scenarios my-scenarios
  therasim serve --addr :9000
`,
	define: func(a *app, fs *flag.FlagSet) func([]string) error {
		runs := fs.String("runs", "therasim-class", "record the runs in `DIR` (made when missing), where the class's code and key are kept too")
		own := fs.String("scenarios", "", "offer the scenarios in the .toml files of `DIR` too")
		addr := fs.String("addr", defaultAddr, "listen at `HOST:PORT`; :8080 is port 8080 of every interface")
		cert := fs.String("tls-cert", "", "serve HTTPS with the certificate in `FILE` (PEM), with --tls-key")
		key := fs.String("tls-key", "", "the private key, in `FILE` (PEM), of the certificate of --tls-cert")
		webDir := fs.String("web", "", "serve the browser version in `DIR` (as 'make web' builds it) rather than the one built in, for developers")
		return func(args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments (the folder of runs is given with --runs)")
			}
			if (*cert == "") != (*key == "") {
				return usagef("HTTPS needs both --tls-cert and --tls-key")
			}
			return a.serve(serveOptions{runs: *runs, scenarios: *own, addr: *addr, cert: *cert, key: *key, web: *webDir})
		}
	},
}

type serveOptions struct {
	runs, scenarios, addr, cert, key, web string
}

// serve runs the class server until it is interrupted.
func (a *app) serve(o serveOptions) error {
	build, err := fs.Sub(web, "web")
	if err != nil {
		return err
	}
	if o.web != "" {
		if fi, err := os.Stat(o.web); err != nil || !fi.IsDir() {
			return usagef("--web %s is not a folder", o.web)
		}
		build = os.DirFS(o.web)
	}
	if o.scenarios != "" {
		if fi, err := os.Stat(o.scenarios); err != nil || !fi.IsDir() {
			return usagef("--scenarios %s is not a folder of scenarios", o.scenarios)
		}
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %s: give HOST:PORT, e.g. :8080 or localhost:8080", o.addr)
	}
	var certs []tls.Certificate
	if o.cert != "" {
		// Checked before anything is made or printed: a class told an
		// address that then does not answer is worse than none.
		pair, err := loadCertificate(o.cert, o.key)
		if err != nil {
			return err
		}
		certs = append(certs, pair)
	}
	dir, err := filepath.Abs(o.runs)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	logLine := func(line string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(a.stdout, "%s  %s\n", a.clock().Format("15:04:05"), line)
	}
	srv, err := classroom.New(classroom.Config{Dir: dir, Web: build, Scenarios: o.scenarios, Log: logLine, Now: a.clock})
	switch {
	case errors.Is(err, classroom.ErrNoBrowserBuild) && o.web != "":
		return failf("--web %s is not a browser version of TheraSim (%v): build one with 'make web', into bin/web", o.web, err)
	case errors.Is(err, classroom.ErrNoBrowserBuild):
		return failf("this therasim was built without the browser version: build it with `make build`")
	case err != nil:
		return err
	}
	// The folder is this server's until it stops (exit 3 for a folder
	// another server serves, as for one that cannot be written).
	defer srv.Close()
	if left := srv.Left(); len(left) > 0 {
		fmt.Fprintf(a.stderr, "therasim serve: %s of %s %s not offered to the class; fix the mistakes below and start the server again:\n",
			countWords(len(left), "scenario", "scenarios"), o.scenarios, map[bool]string{true: "is", false: "are"}[len(left) == 1])
		for _, f := range left {
			fmt.Fprintln(a.stderr, f.Err)
		}
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("the port of %s is in use: another program on this computer (perhaps another 'therasim serve') listens there; stop it, or give this server another port, e.g. --addr :8081", o.addr)
		}
		return fmt.Errorf("cannot listen at %s: %w", o.addr, unwrapNet(err))
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// The program is several megabytes, which a crowded classroom's
		// Wi-Fi may take minutes to bring to every browser.
		WriteTimeout:   10 * time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 32 << 10,
		ErrorLog:       nil,
	}
	if certs != nil {
		hs.TLSConfig = &tls.Config{Certificates: certs}
	}
	a.welcome(srv, ln.Addr(), o)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() {
		if o.cert != "" {
			done <- hs.ServeTLS(ln, "", "") // the pair loaded, in hs.TLSConfig
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		if o.cert != "" {
			return failf("cannot serve HTTPS with %s and %s: %v", o.cert, o.key, unwrapPath(err))
		}
		return fmt.Errorf("the server stopped: %w", err)
	case <-ctx.Done():
	}
	stop()
	fmt.Fprintf(a.stdout, "\nStopping: every choice acknowledged is in %s.\n", dir)
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		hs.Close()
	}
	return nil
}

// loadCertificate loads the certificate in certFile and its private key in
// keyFile (both PEM), or says in words which file is wrong and how (exit
// 1, as for any input that is bad).
func loadCertificate(certFile, keyFile string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, failf("cannot read the certificate of --tls-cert %s: %v", certFile, unwrapPath(err))
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return tls.Certificate{}, failf("cannot read the private key of --tls-key %s: %v", keyFile, unwrapPath(err))
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err == nil {
		return pair, nil
	}
	// The package tls says what is wrong in its own terms only.
	msg := err.Error()
	switch {
	case strings.Contains(msg, "PEM inputs may have been switched"):
		return pair, failf("--tls-cert %s holds a private key, not a certificate: are the two files given the wrong way round?", certFile)
	case strings.Contains(msg, "in certificate input"):
		return pair, failf("--tls-cert %s holds no certificate: it should be a PEM file, text beginning -----BEGIN CERTIFICATE-----", certFile)
	case strings.Contains(msg, "certificate rather than a key"):
		return pair, failf("--tls-key %s holds a certificate, not its private key: are the two files given the wrong way round?", keyFile)
	case strings.Contains(msg, "in key input"):
		return pair, failf("--tls-key %s holds no private key: it should be a PEM file, text beginning -----BEGIN PRIVATE KEY----- (or RSA PRIVATE KEY, EC PRIVATE KEY)", keyFile)
	case strings.Contains(msg, "does not match"):
		return pair, failf("the private key in --tls-key %s is not the key of the certificate in --tls-cert %s: give the key the certificate was made with", keyFile, certFile)
	case strings.Contains(msg, "private key"):
		return pair, failf("the private key in --tls-key %s cannot be read: it is damaged, or of a kind HTTPS cannot use here", keyFile)
	}
	return pair, failf("the certificate in --tls-cert %s cannot be read: it is damaged, or of a kind HTTPS cannot use here", certFile)
}

// clock is the app's clock, or the time.
func (a *app) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// welcome prints, for the instructor, what to give the class and where
// everything is.
func (a *app) welcome(srv *classroom.Server, at net.Addr, o serveOptions) {
	scheme := "http"
	if o.cert != "" {
		scheme = "https"
	}
	port := "8080"
	if tcp, ok := at.(*net.TCPAddr); ok {
		port = fmt.Sprint(tcp.Port)
	}
	host, _, _ := net.SplitHostPort(o.addr)
	var hosts []string
	local := "localhost"
	switch host {
	case "", "0.0.0.0", "::", "[::]":
		hosts = machineAddresses()
	case "localhost", "127.0.0.1", "::1":
		local = host
	default:
		hosts = []string{host}
		local = ""
	}
	url := func(h string) string { return scheme + "://" + net.JoinHostPort(h, port) }
	w := a.stdout
	fmt.Fprintf(w, "TheraSim %s is serving a class.\n\n", sim.Version)
	switch {
	case len(hosts) > 0:
		fmt.Fprintln(w, "Give the trainees this address, to open in a browser on the same network:")
		for _, h := range hosts {
			fmt.Fprintf(w, "  %s\n", url(h))
		}
		if local != "" {
			fmt.Fprintf(w, "  %s   (on this computer)\n", url(local))
		}
	case local != "":
		fmt.Fprintf(w, "Only this computer can reach the class, at %s (--addr :%s serves the network).\n", url(local), port)
	}
	fmt.Fprintf(w, "Class code:  %s\n\n", srv.Code())
	page := url(local)
	if local == "" {
		page = url(hosts[0])
	}
	fmt.Fprintf(w, "Your page, as instructor:  %s%s\n", page, classroom.InstructorPage)
	fmt.Fprintf(w, "Instructor key (keep it to yourself):  %s\n", srv.Key())
	fmt.Fprintf(w, "  or open it with the key:  %s\n\n", classroom.InstructorLink(page, srv.Key()))
	var titles []string
	for _, sc := range srv.Offered() {
		titles = append(titles, sc.Title)
	}
	fmt.Fprintf(w, "Scenarios offered: %s.\n", strings.Join(titles, "; "))
	fmt.Fprintf(w, "The runs are recorded in %s ('therasim replay %s' shows them too).\n", srv.Dir(), srv.Dir())
	fmt.Fprintf(w, "Started again on that folder, the server keeps the same code and key. Ctrl-C stops it.\n\n")
}

// machineAddresses returns this computer's IPv4 addresses other than
// loopback and link-local ones: those its network reaches it at.
func machineAddresses() []string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, ad := range addrs {
		ipn, ok := ad.(*net.IPNet)
		if !ok {
			continue
		}
		ip := ipn.IP.To4()
		if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		out = append(out, ip.String())
	}
	return out
}

// unwrapNet drops the operation and address a network error repeats.
func unwrapNet(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// countWords is "1 scenario", "3 scenarios".
func countWords(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
