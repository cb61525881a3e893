import Foundation
import Testing
import TestSupport

/// The terminal app end to end: the real binary in a private tmux server, on a library of its
/// own (the demo loops a new library imports), driven with keys and read from the screen.
@Suite("the terminal app in tmux", .serialized, .enabled(if: Tmux.isInstalled, "needs tmux (Debian: tmux)"))
struct TUIEndToEndTests {
    /// A shell in tmux with `SAMPLETOK_HOME` in a temporary folder, running the app from it.
    final class App {
        let home = Scratch("tui-home")
        let tmux: Tmux

        /// Without `pulse`, no PulseAudio is reachable: the app must run without sound. `before`
        /// runs first, with `SAMPLETOK_HOME` set (to import a file, say).
        init(samples: Int = 6, pulse: PulseServer? = nil, before: (([String: String]) throws -> Void)? = nil) throws {
            let library = ["SAMPLETOK_HOME": home.path("library")]
            try before?(library.merging(ProcessInfo.processInfo.environment) { mine, _ in mine })
            tmux = try Tmux(["sh"], environment: library.merging(
                ["PS1": "$ ", "PULSE_SERVER": pulse?.address ?? "unix:/nonexistent/pulse/native"]) { $1 })
            try tmux.wait(for: "$")
            try tmux.type("echo before-the-app; \(Binary.path)")
            try tmux.press("Enter")
            // The demo loops are imported and processed in the background on a new library.
            try tmux.wait(seconds: 60, "\(samples) processed samples") {
                $0.contains("\(samples) samples") && $0.contains("funk-riff") && !$0.contains("pending")
            }
        }
    }

    @Test("rows, search narrowing, help, sort, a tiny terminal and back, and q restoring the shell")
    func browses() throws {
        let app = try App()
        let tmux = app.tmux
        var screen = try tmux.screen()
        for title in ["trap-bells", "lofi-keys", "house-stab", "funk-riff", "dnb-roller", "demo-loop"] {
            #expect(screen.contains(title), "row \(title) missing:\n\(screen)")
        }
        #expect(screen.contains("SampleTok ─ local library"))

        try tmux.press("/")
        try tmux.type("funk")
        screen = try tmux.wait(for: "1 sample")
        let rows = screen.split(separator: "\n").filter { $0.contains(" ready ") }
        #expect(rows.count == 1 && rows.first?.contains("funk-riff") == true, "the search left:\n\(screen)")
        try tmux.press("Escape")
        try tmux.wait(for: "6 samples")

        try tmux.press("?")
        screen = try tmux.wait(for: "this help")
        #expect(screen.contains("search as you type") && screen.contains("quit"))
        try tmux.press("Escape")
        try tmux.wait(seconds: 5, "the help closed") { !$0.contains("this help") }

        let sort = try tmux.screen().firstMatch(of: /sort (\w+)/).map { String($0.1) }
        // The default order is shown as "newest" and the cycle's first step is newest itself, so
        // the first `o` changes nothing visible (reported to the TUI's author): two steps.
        try tmux.press("o")
        try tmux.press("o")
        try tmux.wait(seconds: 5, "another sort order") { text in
            text.firstMatch(of: /sort (\w+)/).map { String($0.1) != sort } ?? false
        }

        try tmux.resize(width: 40, height: 10)
        try tmux.wait(seconds: 5, "a redraw for 40×10") { !$0.contains("dnb-roller                             ") }
        #expect(try tmux.exitStatus() == nil, "the app ended on a 40×10 terminal")
        try tmux.resize(width: 120, height: 40)
        screen = try tmux.wait(for: "6 samples")
        #expect(screen.contains("demo-loop"))

        try tmux.press("q")
        // The screen the shell had before the app (its alternate screen is gone), and a new prompt.
        try tmux.wait(seconds: 10, "the shell's screen and prompt back") { text in
            text.contains("before-the-app") && !text.contains("SampleTok ─")
                && text.split(separator: "\n").last?.hasPrefix("$") == true
        }
    }

    @Test("a tone sample played with the keys reaches PulseAudio at its pitch, for its length",
          .enabled(if: PulseServer.isInstalled, "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
    func playsSound() throws {
        let pulse = try PulseServer()
        let media = Scratch("tui-tone")
        let tone = media.path("tone-1000hz.wav")
        try Fixtures.audio(tone, expression: "0.5*sin(2*PI*1000*t)", rate: 48000, seconds: 2, codecArguments: ["-c:a", "pcm_s16le"])
        let app = try App(samples: 7, pulse: pulse) { environment in
            let result = try Command.run(Binary.path, ["import", tone], environment: environment)
            #expect(result.status == 0, "import failed: \(result.stderr)")
        }
        let tmux = app.tmux
        try tmux.press("/")
        try tmux.type("tone")
        try tmux.wait(seconds: 10, "the tone sample alone") { text in
            text.split(separator: "\n").contains { $0.contains("tone-1000hz") && $0.contains(" ready ") }
        }
        try tmux.press("Enter")
        let recording = try pulse.record()
        try tmux.press("Space")
        let captured = recording.waitForSilence(after: 0.3, seconds: 30)
        let levels = ToneLevels(captured, frequencies: [1000], amplitude: 0.5)
        #expect(abs(levels.seconds(of: 0) - 2) <= 0.05, "heard \(levels.seconds(of: 0)) s of the 2-s tone")
        if let span = levels.span(of: 0) {
            let middle = captured[(span.lowerBound * Signal.blockFrames + 4800)..<(span.lowerBound * Signal.blockFrames + 52800)]
            #expect(abs(Signal.toneFrequency(middle, sampleRate: 48000) - 1000) < 1)
        }
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }
}
