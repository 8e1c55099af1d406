package ui

import (
	"fmt"
	"image"
	"testing"

	"github.com/therasim/therasim/scenarios"
)

// dark counts the pixels of r darker than mid-grey: text, in a light UI.
func dark(img *image.RGBA, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if int(p.R)+int(p.G)+int(p.B) < 3*128 {
				n++
			}
		}
	}
	return n
}

var bgRGB = [4]uint8{colBG.R, colBG.G, colBG.B, 255}

// TestSessionRender draws the session screen and checks what must be
// there: text in every option button, the portrait, and the meters in
// normal mode; in assessment mode nothing at all where meters would be.
func TestSessionRender(t *testing.T) {
	needDisplay(t)
	sizes := []image.Point{{1280, 800}, {1024, 640}, {1920, 1080}}
	for _, assess := range []bool{false, true} {
		for _, size := range sizes {
			name := "normal"
			if assess {
				name = "assess"
			}
			t.Run(name+"-"+itoaSize(size), func(t *testing.T) {
				a := setupSession(assess)(t)
				j := render(t, a, size, 2, nil)
				img := j.shot
				s := a.screen.(*sessionScreen)
				lay := s.layout()
				off := image.Pt(lay.view.Min.X, lay.view.Min.Y-int(s.scroll.off))
				for i, r := range lay.options {
					r = r.Add(off).Intersect(lay.view)
					if r.Dy() < a.m.u(20) {
						continue // scrolled out of sight
					}
					text := image.Rect(r.Min.X+a.m.u(70), r.Min.Y+a.m.u(8), r.Max.X-a.m.u(10), r.Max.Y-a.m.u(8))
					if n := dark(img, text); n < 50 {
						t.Errorf("option %d: %d text pixels in %v", i+1, n, text)
					}
				}
				if flat(img, lay.portrait) {
					t.Error("the portrait is flat")
				}
				if !assess {
					for i, r := range lay.meterRows {
						if flat(img, r) {
							t.Errorf("meter %d (%s) is not drawn", i, meterDefs[i].label)
						}
					}
					return
				}
				if !lay.meters.Empty() {
					t.Error("assessment mode lays out meters")
				}
				// Below the client's name, the left column is empty.
				below := image.Rect(lay.left.Min.X, lay.nameY+int(a.ts.lineH(fHeading))+a.m.u(8), lay.left.Max.X, lay.left.Max.Y)
				if ok, why := only(img, below, bgRGB); !ok {
					t.Errorf("assessment mode draws below the name: %s", why)
				}
				// And the normal layout's meter rows hold no meter colour.
				a.course.assess = false
				normal := layoutSession(a, s.content())
				a.course.assess = true
				for _, r := range normal.meterRows {
					if n := dark(img, r.Intersect(below)); n > 0 {
						t.Errorf("%d dark pixels where a meter would be", n)
					}
				}
			})
		}
	}
}

func itoaSize(p image.Point) string { return fmt.Sprintf("%dx%d", p.X, p.Y) }

// TestHighDPI draws at device scale 2: the same logical window has twice
// the pixels, and everything is twice as big.
func TestHighDPI(t *testing.T) {
	a := setupSession(false)(t)
	d := newDriver(t, a)
	d.idle(1)
	one := a.screen.(*sessionScreen).layout().options[0]
	d.size, d.scale = image.Pt(2560, 1600), 2
	d.idle(1)
	two := a.screen.(*sessionScreen).layout().options[0]
	if dx := two.Dx() - 2*one.Dx(); dx < -4 || dx > 4 {
		t.Errorf("option width %d at scale 2, %d at 1: want twice", two.Dx(), one.Dx())
	}
	if dy := two.Dy() - 2*one.Dy(); dy < -6 || dy > 6 {
		t.Errorf("option height %d at scale 2, %d at 1: want twice", two.Dy(), one.Dy())
	}
	if theHarness != nil {
		j := &renderJob{a: a, size: image.Pt(2560, 1600), scale: 2, frames: 5, done: make(chan struct{})}
		theHarness.jobs <- j
		<-j.done
		if flat(j.shot, a.screen.(*sessionScreen).layout().portrait) {
			t.Error("the portrait is flat at scale 2")
		}
	}
}

// BenchmarkFrame measures one frame (Update and Draw) of the session
// screen, the busiest. ns/op is the whole frame as the harness sees it;
// ui-ns/frame is the time in the app's Update and Draw, the CPU the front
// end itself spends.
func BenchmarkFrame(b *testing.B) {
	needDisplay(b)
	a := newTestApp(b, Options{Scenario: scenarios.Default, Trainee: "Alex"})
	d := newDriver(b, a)
	for range 3 {
		d.step(careful, true)
	}
	d.reveal()
	benchFrames(b, a)
}

// benchFrames renders a's screen for b.N frames at 1280×800, after a
// second of frames to warm the caches, and reports the time per frame.
func benchFrames(b *testing.B, a *app) {
	render(b, a, image.Pt(1280, 800), 60, nil)
	b.ResetTimer()
	j := render(b, a, image.Pt(1280, 800), b.N, nil)
	b.StopTimer()
	b.ReportMetric(float64(j.cpu.Nanoseconds())/float64(b.N), "ui-ns/frame")
	b.ReportMetric(float64(j.wall.Nanoseconds())/float64(b.N), "wall-ns/frame")
}

// BenchmarkDebriefFrame measures one frame of the debrief of a whole
// course, the timeline with it, at the choice in hand (the timeline is laid
// out once and painted every frame).
func BenchmarkDebriefFrame(b *testing.B) {
	needDisplay(b)
	a := newTestApp(b, Options{Replay: []string{shippedRecording(b, b.TempDir())}, Trainee: "Dr Reyes"})
	a.screen.(*debriefScreen).step(20)
	benchFrames(b, a)
}
