package recfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Kept copies.
//
// A recording names the scenario it was played with by id and by the
// SHA-256 of the scenario's file, and the model by the SHA-256 of the
// model's file; it does not hold them. So that a run can always be opened
// with the exact scenario and model it was played with, even after their
// files were edited or deleted, whoever creates a recording keeps a copy
// of both files' bytes beside it, in the folder KeptDir of the
// recording's folder, each named for its hash: runs/kept/HASH.toml for a
// scenario, runs/kept/HASH.model.toml for a model. A class's runs share
// the copies of the one scenario they played, and a copy never changes
// once written.

// KeptDir is the folder, in a folder of recordings, that holds the kept
// copies of the scenarios and models its runs were played with.
const KeptDir = "kept"

// Kinds of kept copy: the ends of their file names.
const (
	KeptScenario = ".toml"
	KeptModel    = ".model.toml"
)

// KeptPath is the path of the kept copy of the kind (KeptScenario or
// KeptModel) whose bytes have the SHA-256 hash, for the recordings in dir.
func KeptPath(dir, kind, hash string) string {
	return filepath.Join(dir, KeptDir, hash+kind)
}

// Keep keeps a copy of data, the exact bytes of a scenario or model file
// (kind is KeptScenario or KeptModel), for the recordings in dir, and
// returns its hash. The copy is written whole or not at all (a temporary
// file renamed into place), so a crash or a second writer loses nothing;
// a copy already kept, with the right bytes, is left alone.
func Keep(dir, kind string, data []byte) (hash string, err error) {
	if kind != KeptScenario && kind != KeptModel {
		return "", fmt.Errorf("recfile.Keep: kind %q", kind)
	}
	what := "scenario"
	if kind == KeptModel {
		what = "model"
	}
	hash = hashOf(data)
	path := KeptPath(dir, kind, hash)
	if old, err := os.ReadFile(path); err == nil && hashOf(old) == hash {
		return hash, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("cannot keep a copy of the %s beside the recording: %w", what, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".keep-*")
	if err != nil {
		return "", fmt.Errorf("cannot keep a copy of the %s beside the recording: %w", what, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("cannot keep a copy of the %s beside the recording: %w", what, err)
	}
	return hash, nil
}

// Kept returns the bytes of the kept copy of the kind (KeptScenario or
// KeptModel) whose SHA-256 is hash, for the recordings in dir. It checks
// the hash: a copy whose bytes have changed since it was kept is refused,
// saying so. The error wraps fs.ErrNotExist when no copy is kept.
func Kept(dir, kind, hash string) ([]byte, error) {
	if !validHash(hash) {
		return nil, fmt.Errorf("no kept copy: %q is not a SHA-256 hash: %w", hash, fs.ErrNotExist)
	}
	path := KeptPath(dir, kind, hash)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := Check(path, hash, data); err != nil {
		return nil, err
	}
	return data, nil
}

// Check says whether data, a kept copy read from where (a path, or a name
// for a reader), has the hash it was kept under: a copy changed since (by
// hand, or by a damaged disk) is refused with ErrDamaged, saying where.
func Check(where, hash string, data []byte) error {
	if got := hashOf(data); got != hash {
		return fmt.Errorf("%s: %w (its SHA-256 is %.12s… now, not %.12s…): it cannot be trusted to replay the run; delete it, or copy it back from a backup",
			where, ErrDamaged, got, hash)
	}
	return nil
}

// ErrDamaged is the error of a kept copy whose bytes no longer have the
// hash it was kept under.
var ErrDamaged = errors.New("the kept copy has been changed since it was kept")

func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// validHash reports whether s is a SHA-256 in lowercase hex, as a kept
// copy's name holds: a hash read from a recording is never a path.
func validHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
