"use strict";
// TheraSim in the browser: the same window as the desktop program, drawn
// by Ebiten into a canvas. The trainee's name and recordings are kept in
// this browser's local storage; where the browser refuses it (cookies and
// site data blocked), the simulator keeps them in memory and says so.
const go = new Go();
const loading = document.getElementById("loading");

// What the program writes to its standard error, the last lines of which
// explain a failure (Go prints a panic there).
let stderr = "";
const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
globalThis.fs.writeSync = (fd, buf) => {
  if (fd === 2) {
    stderr = (stderr + new TextDecoder("utf-8").decode(buf)).slice(-2000);
  }
  return writeSync(fd, buf);
};

// fail puts the loading message back, saying why the simulator stopped,
// so that the page never stays blank.
function fail(why) {
  loading.classList.add("failed");
  loading.querySelector("p").textContent = why;
  if (!loading.isConnected) {
    document.body.appendChild(loading);
  }
}

const exit = go.exit;
go.exit = (code) => {
  exit(code);
  if (code !== 0) {
    fail("TheraSim stopped with an error:\n" + (stderr.trim() || "exit code " + code));
  }
};
WebAssembly.instantiateStreaming(fetch("therasim.wasm"), go.importObject)
  .then((result) => { loading.remove(); return go.run(result.instance); })
  .catch((err) => fail("TheraSim could not start in this browser: " + err));
