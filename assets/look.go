package assets

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"strings"
)

// Expression is the client's facial expression, which the front end derives
// from the state.
type Expression int

const (
	// Neutral is a calm, attentive resting face.
	Neutral Expression = iota
	// Engaged is open and warm: leaning in, eyes wide, cheeks raised, a
	// small real smile, eyebrows lifted and relaxed.
	Engaged
	// Guarded is closed: a slight frown, lips pressed together, eyes
	// narrowed and turned aside, the head turned a little away.
	Guarded
	// Upset is distressed: brows drawn up in the middle, mouth turned down,
	// gaze lowered, glistening eyes with a tear.
	Upset
	// Relieved is a soft smile with relaxed brows and softened, lidded eyes.
	Relieved
)

// Expressions lists every expression in order, for menus and tests.
var Expressions = []Expression{Neutral, Engaged, Guarded, Upset, Relieved}

// String returns the lower-case name of the expression ("neutral", "engaged",
// ...), or "Expression(N)" for a value out of range.
func (e Expression) String() string {
	switch e {
	case Neutral:
		return "neutral"
	case Engaged:
		return "engaged"
	case Guarded:
		return "guarded"
	case Upset:
		return "upset"
	case Relieved:
		return "relieved"
	}
	return fmt.Sprintf("Expression(%d)", int(e))
}

// Hair styles understood by Look.HairStyle. Any other value is taken modulo
// NumHairStyles.
const (
	// HairShoulder is shoulder-length hair with a side-swept fringe.
	HairShoulder = iota
	// HairShort is short hair, ears showing.
	HairShort
	// HairTied is hair pulled back into a bun, with a centre parting.
	HairTied
	// HairCurly is a full, rounded head of curls.
	HairCurly
	// NumHairStyles is the number of hair styles.
	NumHairStyles
)

// Look describes how a client looks; the zero Look is a sensible default
// (a woman in her thirties with shoulder-length dark brown hair, brown eyes
// and a teal jumper). A colour whose alpha is 0 means "the default".
type Look struct {
	// Skin, Hair, Eyes and Top are the skin tone, hair colour, iris colour
	// and clothing colour. Alpha is ignored except that 0 selects the default.
	Skin, Hair, Eyes, Top color.RGBA
	// HairStyle is one of HairShoulder, HairShort, HairTied, HairCurly.
	HairStyle int
	// Age in years gives subtle age cues: lines at the eyes, nose, mouth and
	// forehead that appear in the mid-forties and deepen into the late
	// sixties (the hair colour is not changed: choose a grey Hair for that).
	// 0 means 34.
	Age int
	// Masculine gives a broader jaw and neck, heavier brows, no flick at
	// the lash line and less colour on lips and cheeks.
	Masculine bool
}

// Default colours of the zero Look.
var (
	defaultSkin = color.RGBA{226, 180, 148, 255}
	defaultHair = color.RGBA{74, 50, 38, 255}
	defaultEyes = color.RGBA{104, 70, 44, 255}
	defaultTop  = color.RGBA{62, 112, 122, 255}
)

// withDefaults fills in the zero fields of l.
func (l Look) withDefaults() Look {
	if l.Skin.A == 0 {
		l.Skin = defaultSkin
	}
	if l.Hair.A == 0 {
		l.Hair = defaultHair
	}
	if l.Eyes.A == 0 {
		l.Eyes = defaultEyes
	}
	if l.Top.A == 0 {
		l.Top = defaultTop
	}
	l.Skin.A, l.Hair.A, l.Eyes.A, l.Top.A = 255, 255, 255, 255
	l.HairStyle %= NumHairStyles
	if l.HairStyle < 0 {
		l.HairStyle += NumHairStyles
	}
	if l.Age <= 0 {
		l.Age = 34
	}
	return l
}

// Palettes LookFor draws from: natural skin tones from light to deep, natural
// hair colours, iris colours, and muted clothing colours that read well on the
// portrait's background.
var (
	skinTones = []color.RGBA{
		{241, 204, 178, 255}, {232, 186, 152, 255}, {226, 180, 148, 255},
		{208, 156, 116, 255}, {186, 130, 92, 255}, {150, 98, 66, 255},
		{118, 76, 52, 255}, {92, 60, 42, 255},
	}
	hairColours = []color.RGBA{
		{74, 50, 38, 255},   // dark brown
		{40, 32, 30, 255},   // near black
		{112, 72, 44, 255},  // chestnut
		{74, 50, 38, 255},   // dark brown (the commonest)
		{196, 156, 98, 255}, // dark blonde
		{138, 66, 38, 255},  // auburn
		{58, 42, 34, 255},   // deep brown
	}
	eyeColours = []color.RGBA{
		{104, 70, 44, 255},   // brown
		{70, 46, 30, 255},    // dark brown
		{118, 104, 60, 255},  // hazel
		{78, 118, 84, 255},   // green
		{82, 124, 168, 255},  // blue
		{112, 128, 140, 255}, // grey
	}
	topColours = []color.RGBA{
		{62, 112, 122, 255},  // teal
		{176, 136, 62, 255},  // mustard
		{176, 112, 118, 255}, // dusty rose
		{56, 72, 108, 255},   // navy
		{118, 140, 108, 255}, // sage
		{116, 52, 62, 255},   // burgundy
		{196, 180, 156, 255}, // oatmeal
		{96, 84, 128, 255},   // plum
	}
)

// lookSalt seeds LookFor's hash (chosen so that "Maya Collins" gets the look
// her scenario describes); changing it changes every client's look.
const lookSalt = 2

// LookFor returns a deterministic, pleasant Look for a client name, so that a
// scenario's client looks the same on every run and machine. Pronouns pick
// the hair style: "she/her" gets shoulder-length, tied-back or curly hair,
// "he/him" short or curly hair and a Masculine face, anything else any
// style. Age is left 0 (34):
// set Look.Age from the scenario's client age for age cues.
//
// "Maya Collins" (she/her) comes out with shoulder-length dark brown hair.
func LookFor(name string, pronouns string) Look {
	pick := func(attr string, n int) int {
		h := fnv.New64a()
		fmt.Fprintf(h, "%s|%d|%s", attr, lookSalt, strings.ToLower(strings.TrimSpace(name)))
		x := h.Sum64() // splitmix64's finaliser spreads FNV's bits
		x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
		x = (x ^ x>>27) * 0x94d049bb133111eb
		x ^= x >> 31
		return int(x % uint64(n))
	}
	var l Look
	l.Skin = skinTones[pick("skin", len(skinTones))]
	l.Hair = hairColours[pick("hair", len(hairColours))]
	l.Eyes = eyeColours[pick("eyes", len(eyeColours))]
	if indexOf(skinTones, l.Skin) >= 5 {
		// Deeper skin tones: keep to the dark hair and eye colours.
		l.Hair = []color.RGBA{hairColours[0], hairColours[1], hairColours[6]}[pick("hair", 3)]
		l.Eyes = eyeColours[pick("eyes", 3)]
	}
	l.Top = topColours[pick("top", len(topColours))]
	p := strings.ToLower(pronouns)
	switch {
	case strings.HasPrefix(p, "she"):
		l.HairStyle = []int{HairShoulder, HairShoulder, HairTied, HairCurly}[pick("style", 4)]
	case strings.HasPrefix(p, "he"):
		l.HairStyle = []int{HairShort, HairShort, HairShort, HairCurly}[pick("style", 4)]
		l.Masculine = true
	default:
		l.HairStyle = pick("style", NumHairStyles)
	}
	// Lighter and darker skin tones read best with darker and lighter
	// clothing; nudge a top that would merge with the skin.
	if closeColours(l.Top, l.Skin) {
		l.Top = topColours[(indexOf(topColours, l.Top)+3)%len(topColours)] // l.Top is in the palette
	}
	return l
}

// Described returns l with the fields an author named replaced by the
// colours and style they name: skin, hair and eyes by the names of
// sim.SkinTones, sim.HairColours and sim.EyeColours, hairStyle by
// sim.HairStyles. An empty or unknown name leaves its field as it was (a
// scenario's names are checked when it loads).
func (l Look) Described(skin, hair, hairStyle, eyes string) Look {
	if c, ok := namedSkin[skin]; ok {
		l.Skin = c
	}
	if c, ok := namedHair[hair]; ok {
		l.Hair = c
	}
	if c, ok := namedEyes[eyes]; ok {
		l.Eyes = c
	}
	if st, ok := namedStyle[hairStyle]; ok {
		l.HairStyle = st
	}
	if closeColours(l.Top, l.Skin) {
		if i := indexOf(topColours, l.Top); i >= 0 {
			l.Top = topColours[(i+3)%len(topColours)]
		}
	}
	return l
}

// The colours and styles of the names a scenario's [client.appearance]
// may give (sim.SkinTones and the rest).
var (
	namedSkin = map[string]color.RGBA{
		"light": skinTones[0], "fair": skinTones[1], "medium": skinTones[2], "olive": skinTones[3],
		"tan": skinTones[4], "brown": skinTones[5], "dark brown": skinTones[6], "deep": skinTones[7],
	}
	namedHair = map[string]color.RGBA{
		"dark brown": hairColours[0], "black": hairColours[1], "chestnut": hairColours[2],
		"blonde": hairColours[4], "auburn": hairColours[5], "deep brown": hairColours[6],
		"grey": {150, 146, 140, 255},
	}
	namedEyes = map[string]color.RGBA{
		"brown": eyeColours[0], "dark brown": eyeColours[1], "hazel": eyeColours[2],
		"green": eyeColours[3], "blue": eyeColours[4], "grey": eyeColours[5],
	}
	namedStyle = map[string]int{"shoulder": HairShoulder, "short": HairShort, "tied": HairTied, "curly": HairCurly}
)

// indexOf returns the index of c in cs, or -1.
func indexOf(cs []color.RGBA, c color.RGBA) int {
	for i, x := range cs {
		if x == c {
			return i
		}
	}
	return -1
}

func closeColours(a, b color.RGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R)+d(a.G, b.G)+d(a.B, b.B) < 90
}
