package ui

import "testing"

// The window opens as large as the monitor comfortably allows: most of
// it, with room for the desktop's panels and the title bar, never under
// the minimum, never larger than the monitor.
func TestWindowSize(t *testing.T) {
	tests := []struct {
		mw, mh int
		w, h   int
	}{
		{1280, 800, 1200, 720},
		{1366, 768, 1286, 688},
		{1920, 1080, 1840, 1000},
		{2560, 1440, 2480, 1360},
		{1024, 640, 1024, 640}, // no room to spare: the whole monitor
		{1100, 700, 1024, 640},
		{800, 600, 800, 600}, // smaller than the minimum: the monitor
		{0, 0, startWidth, startHeight},
	}
	for _, tt := range tests {
		w, h := windowSize(tt.mw, tt.mh)
		if w != tt.w || h != tt.h {
			t.Errorf("on a %d×%d monitor: %d×%d, want %d×%d", tt.mw, tt.mh, w, h, tt.w, tt.h)
		}
		if tt.mw > 0 && (w > tt.mw || h > tt.mh) {
			t.Errorf("on a %d×%d monitor: %d×%d is larger", tt.mw, tt.mh, w, h)
		}
		if tt.mw >= minWidth && tt.mh >= minHeight && (w < minWidth || h < minHeight) {
			t.Errorf("on a %d×%d monitor: %d×%d is under the minimum", tt.mw, tt.mh, w, h)
		}
	}
	// The trainee's first complaint: 1088×680 on a 1280×800 screen.
	if w, h := windowSize(1280, 800); w*h < 1280*800*8/10 {
		t.Errorf("on a 1280×800 monitor: %d×%d, under 80%% of the screen", w, h)
	}
}
