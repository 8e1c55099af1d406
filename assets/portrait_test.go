//go:build display

// The tests of this package need a display: any binary that links Ebiten
// panics at start-up on Linux when there is no X server (Ebiten initialises
// GLFW in a package init, before a test could skip), so they are built only
// with the "display" tag:
//
//	Xvfb :99 -screen 0 1280x1024x24 &
//	DISPLAY=:99 go test -tags display ./assets
//
// and, to look at the portraits (paths relative to assets/):
//
//	DISPLAY=:99 go test -tags display ./assets -run TestRender -args -sheet ../docs/portraits.png -big /tmp/portrait-1200.png

package assets

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

var (
	sheetPath = flag.String("sheet", "", "write a contact sheet of the portraits (looks × expressions) to this PNG file")
	bigPath   = flag.String("big", "", "write one 1200-pixel portrait to this PNG file")
	bigExpr   = flag.Int("bigexpr", int(Upset), "the expression of the -big portrait")
	bigLook   = flag.Int("biglook", 1, "which test look -big draws (an index into testLooks)")
	stripPath = flag.String("strip", "", "write the five expressions of one look at 400 pixels side by side to this PNG file")
	stripLook = flag.Int("striplook", 1, "which test look -strip draws (an index into testLooks)")
)

// testGame runs the tests inside the game loop, where images can be drawn
// and read back.
type testGame struct {
	m    *testing.M
	code int
}

func (g *testGame) Update() error {
	g.code = g.m.Run()
	return ebiten.Termination
}

func (*testGame) Draw(*ebiten.Image)         {}
func (*testGame) Layout(int, int) (int, int) { return 64, 64 }

func TestMain(m *testing.M) {
	flag.Parse()
	if os.Getenv("DISPLAY") == "" {
		// Only reachable if Ebiten stops needing X at start-up; the tests
		// then skip.
		os.Exit(m.Run())
	}
	ebiten.SetWindowSize(64, 64)
	ebiten.SetWindowTitle("assets test")
	g := &testGame{m: m, code: 1}
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		fmt.Fprintln(os.Stderr, "assets test: running the game loop:", err)
		os.Exit(1)
	}
	os.Exit(g.code)
}

func needDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display (DISPLAY is unset)")
	}
}

// pixels reads an image back as RGBA.
func pixels(img *ebiten.Image) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	img.ReadPixels(out.Pix)
	return out
}

var testLooks = []struct {
	name string
	look Look
}{
	{"default", Look{}},
	{"Maya Collins", LookFor("Maya Collins", "she/her")},
	{"short, 58, masculine", Look{Skin: skinTones[6], Hair: color.RGBA{50, 40, 36, 255}, Eyes: eyeColours[1], Top: topColours[1], HairStyle: HairShort, Age: 58, Masculine: true}},
	{"tied, 47", Look{Skin: skinTones[0], Hair: hairColours[5], Eyes: eyeColours[4], Top: topColours[3], HairStyle: HairTied, Age: 47}},
	{"curly, 26", Look{Skin: skinTones[4], Hair: hairColours[1], Eyes: eyeColours[0], Top: topColours[2], HairStyle: HairCurly, Age: 26}},
}

// rendered memoises portraits read back as RGBA, so the tests share them.
var rendered = map[[3]int]*image.RGBA{}

func render(look, e, size int) *image.RGBA {
	k := [3]int{look, e, size}
	if px, ok := rendered[k]; ok {
		return px
	}
	img := Portrait(testLooks[look].look, Expression(e), size)
	px := pixels(img)
	img.Deallocate()
	rendered[k] = px
	return px
}

func TestPortraitSizeAndCoverage(t *testing.T) {
	needDisplay(t)
	sizes := []int{160, 201, 256, 333, 400}
	for i, e := range Expressions {
		size := sizes[i]
		img := Portrait(testLooks[i].look, e, size)
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Fatalf("Portrait(%v, %d) is %v, want %d×%d", e, size, b, size, size)
		}
		px := pixels(img)
		img.Deallocate()
		opaque := 0
		for i := 3; i < len(px.Pix); i += 4 {
			if px.Pix[i] == 255 {
				opaque++
			}
		}
		if opaque != size*size {
			t.Errorf("Portrait(%v, %d): %d of %d pixels opaque, want all", e, size, opaque, size*size)
		}
	}
	if b := Portrait(Look{}, Neutral, 0).Bounds(); b.Dx() != 1 || b.Dy() != 1 {
		t.Errorf("Portrait(size 0) is %v, want 1×1", b)
	}
}

func TestPortraitDetail(t *testing.T) {
	needDisplay(t)
	for i, tl := range testLooks {
		px := render(i, int(Neutral), 200)
		colours := map[color.RGBA]bool{}
		for y := 0; y < 200; y++ {
			for x := 0; x < 200; x++ {
				colours[px.RGBAAt(x, y)] = true
			}
		}
		if len(colours) <= 50 {
			t.Errorf("%s: %d distinct colours, want a drawing (> 50)", tl.name, len(colours))
		}
	}
}

func TestPortraitCentreIsSkin(t *testing.T) {
	needDisplay(t)
	const size = 200
	px := render(0, int(Neutral), size)
	// Average a patch at the very centre of the image (the bridge of the
	// nose) and one on the cheek below the eye on the viewer's left.
	for _, at := range []image.Point{{size / 2, size / 2}, {size * 42 / 100, size * 50 / 100}} {
		var r, g, b, n int
		for y := at.Y - 2; y <= at.Y+2; y++ {
			for x := at.X - 2; x <= at.X+2; x++ {
				c := px.RGBAAt(x, y)
				r, g, b, n = r+int(c.R), g+int(c.G), b+int(c.B), n+1
			}
		}
		avg := color.RGBA{uint8(r / n), uint8(g / n), uint8(b / n), 255}
		if d := colourDistance(avg, defaultSkin); d > 60 {
			t.Errorf("pixel %v is %v, %.0f from the default skin %v", at, avg, d, defaultSkin)
		}
	}
}

func colourDistance(a, b color.RGBA) float64 {
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

func TestExpressionsDiffer(t *testing.T) {
	needDisplay(t)
	const size = 200
	// A light and a deep skin tone: features must read on both.
	for _, look := range []int{0, 2} {
		// The face: eyes, brows, nose and mouth.
		region := image.Rect(size*33/100, size*33/100, size*67/100, size*66/100)
		for i := range Expressions {
			for j := i + 1; j < len(Expressions); j++ {
				a, b := render(look, i, size), render(look, j, size)
				n := 0
				for y := region.Min.Y; y < region.Max.Y; y++ {
					for x := region.Min.X; x < region.Max.X; x++ {
						if colourDistance(a.RGBAAt(x, y), b.RGBAAt(x, y)) > 40 {
							n++
						}
					}
				}
				// At 200 px the face region is about 68×66 pixels; a
				// legible change of expression moves well over 100 of them.
				if n < 100 {
					t.Errorf("%s: %v and %v differ in only %d face pixels", testLooks[look].name, Expressions[i], Expressions[j], n)
				} else {
					t.Logf("%s: %v and %v differ in %d face pixels", testLooks[look].name, Expressions[i], Expressions[j], n)
				}
			}
		}
	}
}

func TestPortraitTime(t *testing.T) {
	needDisplay(t)
	const size = 600
	Portrait(Look{}, Neutral, size).At(0, 0) // warm up: shaders compile on first use
	start, cpu0 := time.Now(), cpuTime()
	const n = 2
	for i := 0; i < n; i++ {
		img := Portrait(LookFor("Maya Collins", "she/her"), Expressions[i%len(Expressions)], size)
		img.At(0, 0) // waits for the drawing
		img.Deallocate()
	}
	t.Logf("Portrait at %d px: %v each, %v of CPU (including reading a pixel back)", size, time.Since(start)/n, (cpuTime()-cpu0)/n)
}

// cpuTime is the CPU time the process has used, all threads (the software
// GL renderer's too).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestRender(t *testing.T) {
	needDisplay(t)
	if *sheetPath == "" && *bigPath == "" && *stripPath == "" {
		t.Skip("no -sheet, -big or -strip given")
	}
	if *stripPath != "" {
		const cell = 400
		strip := ebiten.NewImage(cell*len(Expressions), cell)
		for j, e := range Expressions {
			op := &ebiten.DrawImageOptions{}
			op.GeoM.Translate(float64(j*cell), 0)
			strip.DrawImage(Portrait(testLooks[*stripLook].look, e, cell), op)
		}
		writePNG(t, *stripPath, strip)
	}
	if *sheetPath != "" {
		const cell, label = 240, 30
		sheet := ebiten.NewImage(cell*len(Expressions), (cell+label)*len(testLooks)+label)
		sheet.Fill(color.RGBA{40, 44, 52, 255})
		bold := &text.GoTextFace{Source: Bold(), Size: 17}
		italic := &text.GoTextFace{Source: Italic(), Size: 15}
		for j, e := range Expressions {
			op := &text.DrawOptions{}
			op.GeoM.Translate(float64(j*cell+10), 6)
			text.Draw(sheet, e.String(), bold, op)
		}
		for i, tl := range testLooks {
			y := label + i*(cell+label)
			for j, e := range Expressions {
				op := &ebiten.DrawImageOptions{}
				op.GeoM.Translate(float64(j*cell), float64(y))
				sheet.DrawImage(Portrait(tl.look, e, cell), op)
			}
			op := &text.DrawOptions{}
			op.GeoM.Translate(10, float64(y+cell+6))
			op.ColorScale.Scale(0.8, 0.8, 0.8, 1)
			text.Draw(sheet, tl.name, italic, op)
		}
		writePNG(t, *sheetPath, sheet)
	}
	if *bigPath != "" {
		writePNG(t, *bigPath, Portrait(testLooks[*bigLook].look, Expression(*bigExpr), 1200))
	}
}

func writePNG(t *testing.T, path string, img *ebiten.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, pixels(img)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
