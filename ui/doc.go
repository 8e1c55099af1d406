// Package ui is TheraSim's window: the front end in which a trainee plays a
// course of sessions with a virtual client. It is the only package that
// imports Ebiten. It turns input into calls to package sim and draws sim's
// state; it holds no model logic of its own.
//
// The screens (picker, resume prompt, session, the week between sessions,
// dropout, end of course, the Esc menu, and the debrief and class view of
// recorded runs) are plain values driven by a record of one frame's keys,
// text, mouse and the time since the last frame, which a thin adapter fills
// from Ebiten each frame, so their logic runs and is tested without a
// window, and every animation keeps its pace however fast the frames come.
// Nothing acts on what is not yet shown: a screen takes input once it has
// settled, and a press begun on one screen never acts on the next. Their
// layout is computed by pure functions of the window size, the device
// scale and the text scale.
//
// Run is the one entry point: it opens the window and returns when it
// closes. Recordings and the trainee's name go through one storage
// interface: files in the user's configuration folder on desktops (a
// recording locked while it is written, package recfile), localStorage in
// the browser, or memory when the browser keeps nothing.
package ui
