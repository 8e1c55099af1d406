package classroom

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// ErrNoBrowserBuild is New's error for a browser build without the
// program (therasim.wasm or therasim.wasm.gz) or its page.
var ErrNoBrowserBuild = errors.New("the browser version is missing")

// contentTypes are the files of a browser build served, by extension.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".png":  "image/png",
	".svg":  "image/svg+xml",
	".ico":  "image/x-icon",
}

// An asset is a file of the browser build, held in memory.
type asset struct {
	ctype string
	data  []byte
	etag  string
	// gzipped: data is the file compressed with gzip (therasim.wasm.gz),
	// sent as it is to a browser that accepts gzip and decompressed for
	// one that does not.
	gzipped bool
}

// loadWeb reads the browser build: every file at the top of web of a type
// a page uses, therasim.wasm.gz served as therasim.wasm.
func loadWeb(web fs.FS) (map[string]*asset, error) {
	if web == nil {
		return nil, fmt.Errorf("%w: no folder was given", ErrNoBrowserBuild)
	}
	entries, err := fs.ReadDir(web, ".")
	if err != nil {
		return nil, fmt.Errorf("cannot read the browser version: %w", err)
	}
	out := map[string]*asset{}
	for _, e := range entries {
		name := e.Name()
		gz := strings.HasSuffix(name, ".wasm.gz")
		served := strings.TrimSuffix(name, ".gz")
		ctype, ok := contentTypes[path.Ext(served)]
		if !e.Type().IsRegular() || !ok || strings.HasPrefix(name, ".") || (!gz && strings.HasSuffix(name, ".gz")) {
			continue
		}
		if a := out[served]; a != nil && !gz {
			continue // the compressed program is preferred
		}
		data, err := fs.ReadFile(web, name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the browser version: %w", err)
		}
		if gz {
			if _, err := gzip.NewReader(bytes.NewReader(data)); err != nil {
				return nil, fmt.Errorf("%w: %s is not a gzip file", ErrNoBrowserBuild, name)
			}
		}
		sum := sha256.Sum256(data)
		out[served] = &asset{ctype: ctype, data: data, gzipped: gz, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	}
	for _, need := range []string{"index.html", "therasim.wasm"} {
		if out[need] == nil {
			return nil, fmt.Errorf("%w: it has no %s", ErrNoBrowserBuild, need)
		}
	}
	return out, nil
}

// serveAsset answers a GET or HEAD of a file of the browser build. Its
// ETag is its content's hash and its Cache-Control no-cache, so that a
// browser asks each time and is answered 304 while the build is the same,
// and the new one as soon as it changes.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, "This page is only read (GET)")
		return
	}
	gz := a.gzipped && acceptsGzip(r.Header.Get("Accept-Encoding"))
	etag := a.etag
	if a.gzipped && !gz {
		etag = strings.TrimSuffix(etag, `"`) + `-identity"`
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	if a.gzipped {
		h.Set("Vary", "Accept-Encoding")
	}
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", a.ctype)
	switch {
	case gz:
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(a.data)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			w.Write(a.data)
		}
	case a.gzipped:
		// Decompressed as it is sent: its length is not known before.
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			zr, err := gzip.NewReader(bytes.NewReader(a.data))
			if err == nil {
				io.Copy(w, zr)
			}
		}
	default:
		h.Set("Content-Length", strconv.Itoa(len(a.data)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			w.Write(a.data)
		}
	}
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip: it
// names gzip (or x-gzip, or *) without q=0.
func acceptsGzip(header string) bool {
	gzip, star := -1, -1 // -1 not named, 0 refused, 1 accepted
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		ok := 1
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
					ok = 0
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gzip = ok
		case "*":
			star = ok
		}
	}
	if gzip >= 0 {
		return gzip == 1
	}
	return star == 1
}

// etagMatches reports whether an If-None-Match header names etag (or is
// "*"). Weak tags match their strong twins, as a GET compares them.
func etagMatches(header, etag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
