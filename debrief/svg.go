package debrief

import (
	"fmt"
	"html"
	"image/color"
	"strings"
)

// SVG draws the timeline chart of d (with branch b over it, when not nil)
// as an SVG element for an HTML page: no namespace declaration is needed
// there, and nothing in it refers to anything outside it.
func SVG(d, b *Debrief, width, height int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s">`, width, height,
		html.EscapeString("Timeline of "+d.Scenario.Title))
	sb.WriteByte('\n')
	for _, s := range layout(d, b, width, height) {
		switch s.kind {
		case shapeRect:
			fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`,
				s.pts[0].x, s.pts[0].y, s.pts[1].x-s.pts[0].x, s.pts[1].y-s.pts[0].y, hex(s.c))
		case shapeCircle:
			fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>`, s.pts[0].x, s.pts[0].y, s.r, hex(s.c))
		case shapeLine:
			var p []string
			for _, q := range s.pts {
				p = append(p, fmt.Sprintf("%.1f,%.1f", q.x, q.y))
			}
			dash := ""
			if s.dash {
				dash = fmt.Sprintf(` stroke-dasharray="%.1f %.1f"`, max(6, 3*s.width), max(4, 2*s.width))
			}
			fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%.1f"%s/>`, strings.Join(p, " "), hex(s.c), s.width, dash)
		case shapeText:
			anchor := map[int]string{-1: "start", 0: "middle", 1: "end"}[s.anchor]
			weight := ""
			if s.bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="%.1f" fill="%s" text-anchor="%s"%s>%s</text>`,
				s.pts[0].x, s.pts[0].y, s.size, hex(s.c), anchor, weight, html.EscapeString(s.text))
		}
		sb.WriteByte('\n')
	}
	sb.WriteString("</svg>")
	return sb.String()
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
