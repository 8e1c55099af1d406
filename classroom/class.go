package classroom

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ClassFile is the file, in the server's folder, that keeps the class code
// and the instructor key, so that a restarted server has the same ones and
// the choices browsers queued while it was down still arrive. It is hidden
// ('therasim replay DIR' reads only *.jsonl files) and readable by its
// owner only.
const ClassFile = ".therasim-class.json"

// codeLetters are the letters of a class code: none that reads as a digit
// or another letter (I, L, O, Q, S, Z, B, G, U, V) and none that sounds like
// another when read aloud (the rhymes of B, D, E, G, P, T, V, and M beside
// N): a code is read out to a room.
const codeLetters = "ACFHJKMRWXY"

// codeLength is how many letters a class code has.
const codeLength = 6

// class is what ClassFile holds.
type class struct {
	Code    string `json:"code"`
	Key     string `json:"instructor_key"`
	Created string `json:"created"`
}

// openClass reads the class code and instructor key kept in dir, or makes
// new ones and keeps them there when there are none.
func openClass(dir string, now time.Time) (class, error) {
	path := filepath.Join(dir, ClassFile)
	data, err := os.ReadFile(path)
	if err == nil {
		var c class
		if err := json.Unmarshal(data, &c); err != nil || !validCode(c.Code) || len(c.Key) < 32 {
			return class{}, fmt.Errorf("%s does not hold a class code and an instructor key as TheraSim writes them; delete it to begin a new class (the trainees will need the new code)", path)
		}
		return c, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return class{}, fmt.Errorf("cannot read the class's code: %w", err)
	}
	c := class{Created: now.UTC().Format(time.RFC3339)}
	if c.Code, err = newCode(); err == nil {
		c.Key, err = newKey()
	}
	if err != nil {
		return class{}, fmt.Errorf("cannot make a class code: %w", err)
	}
	data, err = json.MarshalIndent(c, "", "  ")
	if err != nil {
		return class{}, err
	}
	if err := writeNew(path, append(data, '\n')); err != nil {
		return class{}, fmt.Errorf("cannot keep the class's code in %s: %w", dir, err)
	}
	return c, nil
}

// writeNew writes data to path, which must not exist, readable by its
// owner only, whole or not at all.
func writeNew(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".class-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// A link, unlike a rename, fails when another server made the
		// file first: the class keeps the code it was given.
		err = os.Link(f.Name(), path)
	}
	os.Remove(f.Name())
	return err
}

func newCode() (string, error) {
	var b strings.Builder
	n := big.NewInt(int64(len(codeLetters)))
	for range codeLength {
		i, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", err
		}
		b.WriteByte(codeLetters[i.Int64()])
	}
	return b.String(), nil
}

func newKey() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func validCode(code string) bool {
	if len(code) != codeLength {
		return false
	}
	for _, c := range code {
		if !strings.ContainsRune(codeLetters, c) {
			return false
		}
	}
	return true
}

// normalCode is a code as typed, in capitals, without the spaces and
// dashes a trainee may type between its letters.
func normalCode(typed string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, typed)
}

// same compares a secret with what was given, in a time that does not
// depend on where they differ.
func same(secret, given string) bool {
	return subtle.ConstantTimeCompare([]byte(secret), []byte(given)) == 1
}
