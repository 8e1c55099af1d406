package debrief

import (
	"fmt"
	"html"
	"image/color"
	"strings"
)

// SVG draws the timeline chart of d (see Layout; with branch b over it,
// when not nil) as an SVG element for an HTML page: no namespace
// declaration is needed there, and nothing in it refers to anything
// outside it.
func SVG(d, b *Debrief, width, height int) string {
	c := Layout(d, float64(width), float64(height), ChartOptions{Branch: b, Title: chartTitle(d, b)})
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s">`, width, height,
		html.EscapeString("Timeline of "+d.Scenario.Title))
	sb.WriteByte('\n')
	for _, s := range c.Shapes {
		switch s.Kind {
		case ShapeRect:
			fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f" fill="%s"/>`,
				s.Pts[0].X, s.Pts[0].Y, s.Pts[1].X-s.Pts[0].X, s.Pts[1].Y-s.Pts[0].Y, s.Radius, hex(s.Color))
		case ShapeGlyph:
			fmt.Fprintf(&sb, `<path d="%s" fill="%s"/>`, path(s.Glyph.Outline(s.Pts[0].X, s.Pts[0].Y, s.Size)), hex(s.Color))
		case ShapeLine:
			p := make([]string, len(s.Pts))
			for i, q := range s.Pts {
				p[i] = fmt.Sprintf("%.1f,%.1f", q.X, q.Y)
			}
			dash := ""
			if s.Dash > 0 {
				dash = fmt.Sprintf(` stroke-dasharray="%.1f"`, s.Dash)
			}
			fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%.1f"%s/>`, strings.Join(p, " "), hex(s.Color), s.Width, dash)
		case ShapeText:
			anchor := map[int]string{-1: "start", 0: "middle", 1: "end"}[s.Anchor]
			weight := ""
			if s.Bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="%.1f" fill="%s" text-anchor="%s"%s>%s</text>`,
				s.Pts[0].X, s.Pts[0].Y, s.Size, hex(s.Color), anchor, weight, html.EscapeString(s.Text))
		}
		sb.WriteByte('\n')
	}
	sb.WriteString("</svg>")
	return sb.String()
}

// path writes polygons as an SVG path.
func path(rings [][]Pt) string {
	var sb strings.Builder
	for _, r := range rings {
		for i, q := range r {
			if i == 0 {
				sb.WriteByte('M')
			} else {
				sb.WriteByte('L')
			}
			fmt.Fprintf(&sb, "%.1f %.1f", q.X, q.Y)
		}
		sb.WriteByte('Z')
	}
	return sb.String()
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
