//go:build !js

package ui

// defaultStorage is the storage of a desktop: files in dir, or in the
// user's configuration folder.
func defaultStorage(dir string) (storage, error) { return newFileStorage(dir) }
