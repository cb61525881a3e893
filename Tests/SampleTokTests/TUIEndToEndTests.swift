import Foundation
import Testing
import TestSupport

/// The terminal app end to end: the real binary in a private tmux server, on a library of its
/// own (the demo loops a new library imports), driven with keys and read from the screen.
@Suite("the terminal app in tmux", .serialized, .enabled(if: EndToEnd.runs(Tmux.isInstalled), "needs tmux (Debian: tmux)"))
struct TUIEndToEndTests {
    /// A shell in tmux with `SAMPLETOK_HOME` in a temporary folder, running the app from it.
    final class App {
        let home = Scratch("tui-home")
        let tmux: Tmux

        /// Without `pulse`, no PulseAudio is reachable: the app must run without sound. `before`
        /// runs first, with `SAMPLETOK_HOME` set (to import a file, say).
        init(samples: Int = 6, pulse: PulseServer? = nil, environment: [String: String] = [:],
             before: (([String: String]) throws -> Void)? = nil) throws {
            // The app writes settings.toml when it quits: into a config folder of the test's own.
            let library = ["SAMPLETOK_HOME": home.path("library"), "XDG_CONFIG_HOME": home.path("config")].merging(environment) { $1 }
            try before?(library.merging(ProcessInfo.processInfo.environment) { mine, _ in mine })
            tmux = try Tmux(["sh"], environment: library.merging(
                ["PS1": "$ ", "PULSE_SERVER": pulse?.address ?? "unix:/nonexistent/pulse/native"]) { $1 })
            try tmux.wait(for: "$")
            try tmux.type("echo before-the-app; \(Binary.path)")
            try tmux.press("Enter")
            // The demo loops are imported and processed in the background on a new library (a few
            // seconds; the deadline is for a machine whose cores are taken by something else).
            do {
                // Every row drawn with its status, and every one ready (a first frame may come
                // before the status column or the rows' statuses).
                try tmux.wait(seconds: 180, "\(samples) processed samples") { screen in
                    let rows = screen.split(separator: "\n").filter { $0.contains(" ready ") || $0.contains(" working ") || $0.contains(" failed ") }
                    return screen.contains("\(samples) samples") && screen.contains("funk-riff") && !screen.contains("pending")
                        && !screen.contains("working") && rows.count >= min(samples, 6) && rows.allSatisfy { $0.contains(" ready ") }
                }
            } catch let failure as CommandFailure {
                throw CommandFailure(description: failure.description + diagnosis(library))
            }
        }

        /// The app on a library that holds the demo loops and `file`, imported first.
        static func importing(_ file: String, pulse: PulseServer?) throws -> App {
            try App(samples: 7, pulse: pulse) { environment in
                let result = try Command.run(Binary.path, ["import", file], environment: environment)
                #expect(result.status == 0, "import failed: \(result.stderr)")
            }
        }

        /// Searches for `words` and keeps the search once the list shows the sample `name`, ready.
        func showOnly(_ name: String, searching words: String) throws {
            try tmux.press("/")
            try tmux.type(words)
            try tmux.wait(seconds: 10, "\(name) alone") { text in
                text.split(separator: "\n").contains { $0.contains(name) && $0.contains(" ready ") }
            }
            try tmux.press("Enter")
        }

        /// What the library's jobs and the machine were doing: for a wait that ran out.
        private func diagnosis(_ library: [String: String]) -> String {
            let environment = library.merging(ProcessInfo.processInfo.environment) { mine, _ in mine }
            let jobs = (try? Command.run(Binary.path, ["jobs", "--all"], environment: environment)).map { $0.stdout + $0.stderr } ?? ""
            let log = (try? String(contentsOfFile: home.path("library/tui.log"), encoding: .utf8)).map { String($0.suffix(3000)) } ?? ""
            let busiest = (try? Command.run("/bin/ps", ["-eo", "pid,pcpu,etime,args", "--sort=-pcpu"])).map {
                $0.stdout.split(separator: "\n").prefix(8).joined(separator: "\n")
            } ?? ""
            return "\njobs:\n\(jobs)\ntui.log (end):\n\(log)\nbusiest processes:\n\(busiest)\n\(appStacks())"
        }

        /// Every thread's stack of the app (the binary run with no arguments), through gdb when it
        /// is installed: where a stalled app waits.
        private func appStacks() -> String {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb"),
                  let ps = try? Command.run("/bin/ps", ["-eo", "pid=,args="]) else { return "" }
            let apps = ps.stdout.split(separator: "\n").compactMap { line -> String? in
                let fields = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
                return fields.count == 2 && fields[1] == Binary.path ? fields[0] : nil
            }
            return apps.map { pid in
                let bt = (try? Command.run("/usr/bin/gdb", ["-p", pid, "-batch", "-nx", "-ex", "thread apply all bt 30"]))
                    .map { $0.stdout } ?? ""
                return "stacks of the app (pid \(pid)):\n\(bt.suffix(30000))"
            }.joined(separator: "\n")
        }

        /// The app on a `--serve` instead (no library of its own, no demo loops).
        init(remote server: String, token: String) throws {
            tmux = try Tmux(["sh"], environment: ["PS1": "$ ", "SAMPLETOK_HOME": home.path("no-library"), "XDG_CONFIG_HOME": home.path("config"),
                                                  "PULSE_SERVER": "unix:/nonexistent/pulse/native"])
            try tmux.wait(for: "$")
            try tmux.type("\(Binary.path) --remote \(server) --token \(token)")
            try tmux.press("Enter")
            try tmux.wait(for: "0 samples")
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

        // Each check waits for its whole screen: tmux can be caught between two halves of a
        // frame (the header redrawn, the rows below not yet), so one capture proves nothing.
        try tmux.press("/")
        try tmux.type("funk")
        screen = try tmux.wait(seconds: 15, "funk-riff alone in the list") { text in
            let rows = text.split(separator: "\n").filter { $0.contains(" ready ") }
            return text.contains(" 1 sample ") && rows.count == 1 && rows.first?.contains("funk-riff") == true
        }
        try tmux.press("Escape")
        try tmux.wait(for: "6 samples")

        try tmux.press("?")
        try tmux.wait(seconds: 15, "the help with its key list") { text in
            text.contains("this help") && text.contains("search as you type") && text.contains("quit")
        }
        try tmux.press("Escape")
        try tmux.wait(seconds: 5, "the help closed") { !$0.contains("this help") }

        let sort = try tmux.screen().firstMatch(of: /sort (\w+)/).map { String($0.1) }
        try tmux.press("o")
        try tmux.wait(seconds: 5, "another sort order") { text in
            text.firstMatch(of: /sort (\w+)/).map { String($0.1) != sort } ?? false
        }

        try tmux.resize(width: 40, height: 10)
        try tmux.wait(seconds: 5, "the too-small message on 40×10") { $0.contains("Terminal too small (40x10)") }
        #expect(try tmux.exitStatus() == nil, "the app ended on a 40×10 terminal")
        try tmux.resize(width: 120, height: 40)
        try tmux.wait(seconds: 15, "the list back on 120×40") { $0.contains("6 samples") && $0.contains("demo-loop") }

        try tmux.press("q")
        // The screen the shell had before the app (its alternate screen is gone), and a new prompt.
        try tmux.wait(seconds: 10, "the shell's screen and prompt back") { text in
            text.contains("before-the-app") && !text.contains("SampleTok ─")
                && text.split(separator: "\n").last?.hasPrefix("$") == true
        }
    }

    @Test("Ctrl-C, and SIGTERM from outside, end the app and give the shell its screen back")
    func signalsRestoreTheTerminal() throws {
        let app = try App()
        let tmux = app.tmux
        func shellIsBack(_ text: String) -> Bool {
            text.contains("before-the-app") && !text.contains("SampleTok ─") && text.split(separator: "\n").last?.hasPrefix("$") == true
        }
        try tmux.press("C-c")
        try tmux.wait(seconds: 10, "the shell back after Ctrl-C", until: shellIsBack)

        // Again, started so that its pid is known (exec keeps the shell's), then sent SIGTERM.
        let pidFile = app.home.path("app.pid")
        try tmux.type("sh -c 'echo $$ > \(pidFile); exec \(Binary.path)'")
        try tmux.press("Enter")
        try tmux.wait(for: "6 samples")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.wait(seconds: 10, "the shell back after SIGTERM", until: shellIsBack)
    }

    /// Presses `a`, types `url` and confirms it.
    func add(_ url: String, in tmux: Tmux) throws {
        try tmux.press("a")
        try tmux.wait(for: "Add a URL")
        try tmux.type(url)
        try tmux.press("Enter")
    }

    /// Follows a submitted URL to its end: the jobs pane shows it done and the list has its sample
    /// ready, counted in the header; a URL that cannot be fetched shows its error instead.
    func addsURLs(_ tmux: Tmux, media: FixtureServer, before count: Int) throws {
        let host = "127.0.0.1:\(media.port)"
        try add(media.url("/files/tone.wav"), in: tmux)
        let screen = try tmux.wait(seconds: 60, "the job done and its sample ready") { text in
            let lines = text.split(separator: "\n")
            return text.contains(count == 0 ? "1 sample " : "\(count + 1) samples")
                && lines.contains { $0.contains("\(host)/files/tone.wav") && $0.contains("done") && $0.contains("100%") }
                && lines.contains { $0.hasPrefix("  tone ") && $0.contains(" ready ") }
        }
        #expect(screen.contains("0:03"), "the new row has no duration:\n\(screen)")

        try add(media.url("/files/missing.wav"), in: tmux)
        try tmux.wait(seconds: 30, "the 404 failed at once in the jobs pane") { text in
            // The row leads with the sentence (the code follows it in brackets, past the pane's edge here).
            text.split(separator: "\n").contains { $0.contains("\(host)/files/missing.wav") && $0.contains(" failed ") && $0.contains("  'http://") }
        }
        try add("ftp://example.com/x.wav", in: tmux)
        try tmux.wait(seconds: 10, "the refusal in the jobs pane and the status line") { text in
            let lines = text.split(separator: "\n")
            return lines.contains { $0.contains("ftp://example.com/x.wav") && $0.contains("failed") }
                && lines.last?.contains("http(s) URL") == true
        }
        #expect(try tmux.exitStatus() == nil, "the app ended after a bad URL")
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }

    @Test("a ~ path that does not exist fails its job row (issue 23.2): not stuck at submitting…, not counted as running, gone after r")
    func missingTildePath() throws {
        let app = try App()
        let tmux = app.tmux
        try tmux.press("a")
        try tmux.wait(seconds: 5, "the add dialog") { $0.contains("Add a URL, a file or a folder") }
        try tmux.type("~/sampletok-nope-\(UUID().uuidString.prefix(8)).wav")
        try tmux.press("Enter")
        let failed = try tmux.wait(seconds: 10, "the job row failed") { text in
            text.split(separator: "\n").contains { $0.contains("sampletok-nope-") && $0.contains("failed") }
        }
        #expect(!failed.contains("submitting"), "\(failed)")
        #expect(!failed.contains("running"), "\(failed)")
        try tmux.press("r")
        try tmux.wait(seconds: 10, "r clears the failed row") { $0.contains("no jobs") }
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }

    @Test("d exports the selected sample and puts its path on the terminal's clipboard (OSC 52, read back from tmux's buffer); Y copies it again (issue 23.15)")
    func exportCopiesThePath() throws {
        let app = try App()
        let tmux = app.tmux
        try tmux.acceptClipboard()
        let folder = app.home.path("exports")
        try tmux.press("d")
        try tmux.wait(seconds: 5, "the export dialog") { $0.contains("‹ wav ›") || $0.contains("< wav >") }
        try tmux.press("Tab", "C-u")
        try tmux.type(folder)
        try tmux.press("Enter")
        try tmux.wait(seconds: 10, "the export done") { $0.contains("Exported to") }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1 && files.first?.hasSuffix(".wav") == true, "\(files)")
        let path = try #require(files.first.map { "\(folder)/\($0)" })
        try tmux.waitForClipboard(path)
        try tmux.clearClipboard()
        try tmux.press("Y")
        try tmux.waitForClipboard(path)
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }

    @Test("a URL added with `a` is followed in the jobs pane until its sample is in the list")
    func addsURLLocally() throws {
        let fixture = try ServeFixture()
        let app = try App(environment: ["ALLOW_PRIVATE_URLS": "1"])
        try addsURLs(app.tmux, media: fixture.media, before: 6)
    }

    @Test("the same add-URL flow with --remote against a --serve started by the test")
    func addsURLRemotely() throws {
        let fixture = try ServeFixture()
        let server = try ServeProcess(environment: fixture.environment)
        let app = try App(remote: server.url(""), token: fixture.token)
        #expect(try app.tmux.screen().split(separator: "\n").first?.contains("127.0.0.1:\(server.port)") == true)
        try addsURLs(app.tmux, media: fixture.media, before: 0)
    }

    @Test("--remote: the server restarted mid-download; the app follows the job on to done and shows its sample (issue 19.10)")
    func followsAJobAcrossARestart() throws {
        let fixture = try ServeFixture()
        var environment = fixture.environment
        environment["SAMPLETOK_SHUTDOWN_GRACE"] = "0"
        let first = try ServeProcess(environment: environment)
        let app = try App(remote: first.url(""), token: fixture.token)
        let tmux = app.tmux
        let source = "127.0.0.1:\(fixture.media.port)/stall/tone.wav"
        // The first download of /stall/ never ends: the job is in its download when the server stops.
        try add(fixture.media.url("/stall/tone.wav"), in: tmux)
        try tmux.wait(seconds: 60, "the job in its download") { text in
            text.split(separator: "\n").contains { $0.contains(source) && $0.contains("download") }
        }
        #expect(first.terminate(within: 30) == 0)
        let second = try ServeProcess(environment: environment, arguments: ["--serve", "--port", "\(first.port)", "--workers", "1"])
        let screen = try tmux.wait(seconds: 120, "the job done after the restart and its sample in the list") { text in
            let lines = text.split(separator: "\n")
            return lines.contains { $0.contains(source) && $0.contains("done") && $0.contains("100%") }
                && lines.contains { $0.hasPrefix("  tone ") && $0.contains(" ready ") }
        }
        #expect(!screen.contains("remote.unreachable"), "\(screen)")
        #expect(screen.split(separator: "\n").filter { $0.contains(source) && $0.contains("100%") }.count == 1, "one row for the job in the jobs pane (the detail pane names the source too):\n\(screen)")
        #expect(try tmux.exitStatus() == nil)
        #expect(second.terminate(within: 30) == 0)
    }

    /// Opens the stem dialog on the sample under the cursor and checks the stem types `types`
    /// (focus order: the provider, then `StemType` order: vocal, voice, drum, piano, bass, …).
    func checkStems(_ rows: [Int], in tmux: Tmux) throws {
        // A sample being processed again (a worker's lease lapsing on a busy machine) is refused
        // with "stems can be made once it is ready"; the next `s` tries again.
        let deadline = Date().addingTimeInterval(60)
        while true {
            try tmux.press("s")
            let opened = try? tmux.wait(seconds: 3, "the stem dialog") { $0.contains("Stems of") || $0.contains("once it is ready") }
            if opened?.contains("Stems of") == true || Date() > deadline { break }
            try tmux.press("Escape")
        }
        try tmux.wait(seconds: 10, "the stem dialog with the catalog and the balance") { text in
            text.contains("Stems of") && text.contains("local (offline)") && text.contains("balance ") && !text.contains("balance …")
        }
        var focus = 0
        for row in rows {
            while focus < row { try tmux.press("Down"); focus += 1 }
            try tmux.press("Space")
        }
    }

    @Test("s on a ready sample: drum checked, Enter, the jobs pane follows the stem job to done, the stem row shows under the sample with its own pane")
    func requestsStems() throws {
        let app = try App()
        let tmux = app.tmux
        try checkStems([], in: tmux)
        try tmux.press("Right")
        try tmux.wait(seconds: 5, "LALAL.AI shown as not configured, with what to set") { text in
            text.contains("LALAL.AI ›  not configured") && text.contains("set LALAL_API_KEY")
        }
        try tmux.press("Left")
        try tmux.wait(seconds: 5, "back on local") { $0.contains("‹ local (offline) ›") }
        for _ in 0..<3 { try tmux.press("Down") }
        try tmux.press("Space")
        let screen = try tmux.wait(seconds: 5, "drum checked and its cost") { text in
            text.contains("[x] drum") && text.contains("1 stem × 2 credits = 2 credits · balance 100 credits")
        }
        #expect(screen.contains("[-] piano") && screen.contains("unavailable: needs a learned model"), "\(screen)")
        try tmux.press("Enter")
        // The real local separator runs in the app's workers; the jobs pane follows it.
        let done = try tmux.wait(seconds: 90, "the stem job done in the jobs pane and the sample marked, its stems folded") { text in
            let lines = text.split(separator: "\n")
            return lines.contains { $0.contains("stems drum of") && $0.contains("done") && $0.contains("100%") } && text.contains("▸")
        }
        #expect(!done.contains("└ drum"), "the stem rows do not unfold by themselves (issue 23.13):\n\(done)")
        try tmux.press("e")
        let after = try tmux.wait(seconds: 10, "the drum row under the sample") { text in
            text.split(separator: "\n").contains { $0.contains("└ drum") && $0.contains(" stem ") }
        }
        #expect(after.contains("▾"), "the sample is marked as expanded:\n\(after)")
        try tmux.press("j")
        try tmux.wait(seconds: 10, "the stem's own pane") { $0.contains("drum stem") && $0.contains("first export: 1 credit") }
        try tmux.press("e")
        try tmux.wait(seconds: 5, "the stems collapsed") { !$0.contains("└ drum") && $0.contains("▸") }
        #expect(try tmux.exitStatus() == nil)
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
        let me = try Command.run(Binary.path, ["me"], environment: ["SAMPLETOK_HOME": app.home.path("library")]
            .merging(ProcessInfo.processInfo.environment) { mine, _ in mine })
        #expect(me.stdout.contains("98 credits") && me.stdout.contains("stems.charge"), "\(me.stdout)\(me.stderr)")
    }

    @Test("two stems with 2 credits: the dialog says not enough credits (cost against balance), stays open, and nothing is charged")
    func refusesStemsWithoutCredits() throws {
        let app = try App(environment: ["SAMPLETOK_LOCAL_CREDITS": "2"])
        let tmux = app.tmux
        try checkStems([3, 5], in: tmux)
        try tmux.press("Enter")
        let screen = try tmux.wait(seconds: 10, "the not-enough-credits refusal in the dialog") { text in
            text.contains("2 stems × 2 credits = 4 credits · balance 2 credits") && text.contains("Not enough credits: this costs 4")
        }
        #expect(screen.contains("Stems of"), "the dialog stayed open:\n\(screen)")
        try tmux.press("Escape")
        try tmux.wait(seconds: 5, "the dialog closed") { !$0.contains("Stems of") }
        #expect(!(try tmux.screen().contains("stems drum")), "no stem job was made")
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
        let me = try Command.run(Binary.path, ["me"], environment: ["SAMPLETOK_HOME": app.home.path("library")]
            .merging(ProcessInfo.processInfo.environment) { mine, _ in mine })
        #expect(me.stdout.contains("2 credits") && !me.stdout.contains("stems.charge"), "\(me.stdout)\(me.stderr)")
    }

    @Test("the stem dialog with --remote: a URL added, s, drum checked against the server's balance, the stem job followed over SSE, the stem row under the sample")
    func requestsStemsRemotely() throws {
        let fixture = try ServeFixture()
        let server = try ServeProcess(environment: fixture.environment)
        let app = try App(remote: server.url(""), token: fixture.token)
        let tmux = app.tmux
        try add(fixture.media.url("/files/tone.wav"), in: tmux)
        try tmux.wait(seconds: 60, "the tone sample ready") { text in
            text.split(separator: "\n").contains { $0.hasPrefix("  tone ") && $0.contains(" ready ") }
        }
        try checkStems([3], in: tmux)
        try tmux.wait(seconds: 5, "drum checked against ada's 3 credits") { text in
            text.contains("[x] drum") && text.contains("1 stem × 2 credits = 2 credits · balance 3 credits")
        }
        try tmux.press("Enter")
        try tmux.wait(seconds: 90, "the stem job done and the sample marked") { text in
            text.split(separator: "\n").contains { $0.contains("stems drum of") && $0.contains("done") && $0.contains("100%") }
                && text.contains("▸")
        }
        try tmux.press("e")
        try tmux.wait(seconds: 10, "the drum row under the sample") { $0.split(separator: "\n").contains { $0.contains("└ drum") } }
        // The drum stem is marked as yours; with 1 credit left a second stem (bass) is refused in
        // the dialog before anything is sent.
        try tmux.press("k")
        try checkStems([5], in: tmux)
        try tmux.wait(seconds: 10, "the drum stem marked as ada's") { $0.contains("[=] drum") && $0.contains("you have it") }
        try tmux.press("Enter")
        try tmux.wait(seconds: 10, "not enough credits") { $0.contains("Not enough credits: this costs 2 credits and your balance is 1") }
        try tmux.press("Escape")
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
        #expect(server.terminate(within: 15) == 0)
    }

    @Test("a tone sample played with the keys reaches PulseAudio at its pitch, for its length",
          .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
    func playsSound() throws {
        let pulse = try PulseServer()
        let media = Scratch("tui-tone")
        let tone = media.path("tone-1000hz.wav")
        try Fixtures.audio(tone, expression: "0.5*sin(2*PI*1000*t)", rate: 48000, seconds: 2, codecArguments: ["-c:a", "pcm_s16le"])
        let app = try App.importing(tone, pulse: pulse)
        let tmux = app.tmux
        try app.showOnly("tone-1000hz", searching: "tone")
        let recording = try pulse.record()
        try tmux.press("Space")
        let captured = recording.waitForSilence(after: 0.3, seconds: 30)
        let levels = ToneLevels(captured, frequencies: [1000], amplitude: 0.5)
        #expect(abs(levels.seconds(of: 0) - 2) <= 0.05, "heard \(levels.seconds(of: 0)) s of the 2-s tone")
        let span = try #require(levels.span(of: 0), "the tone was not heard")
        let middle = captured[(span.lowerBound * Signal.blockFrames + 4800)..<(span.lowerBound * Signal.blockFrames + 52800)]
        #expect(abs(Signal.toneFrequency(middle, sampleRate: 48000) - 1000) < 1)
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }

    @Test("started before PulseAudio, then with PulseAudio killed and started again under it: no sound, never the play mark while silent, Sound is back, and Space is heard (issues 23.1, 23.4)",
          .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
    func soundComesBack() throws {
        let pulse = try PulseServer(running: false)
        let media = Scratch("tui-tone")
        let tone = media.path("tone-1000hz.wav")
        try Fixtures.audio(tone, expression: "0.5*sin(2*PI*1000*t)", rate: 48000, seconds: 2, codecArguments: ["-c:a", "pcm_s16le"])
        let app = try App.importing(tone, pulse: pulse)
        let tmux = app.tmux
        /// The status line (the screen's last line).
        func status(_ screen: String) -> String { String(screen.split(separator: "\n").last ?? "") }
        try tmux.wait(seconds: 10, "no sound in the status line") { status($0).contains("no sound") }
        try app.showOnly("tone-1000hz", searching: "tone")

        /// Space, recorded: the tone heard for its 2 s at 1000 Hz, and the end shown with the stop mark.
        func playIsHeard(_ when: String) throws {
            let recording = try pulse.record()
            try tmux.press("Space")
            let captured = recording.waitForSilence(after: 0.3, seconds: 30)
            let levels = ToneLevels(captured, frequencies: [1000], amplitude: 0.5)
            #expect(abs(levels.seconds(of: 0) - 2) <= 0.05, "\(when): heard \(levels.seconds(of: 0)) s of the 2-s tone")
            try tmux.wait(seconds: 10, "the end with the stop mark (\(when))") { status($0).contains("■ ended 0:02/0:02") }
        }

        // PulseAudio starts after the app: the app finds it by itself.
        try pulse.start()
        try tmux.wait(seconds: 15, "Sound is back") { status($0).contains("Sound is back") && !status($0).contains("no sound") }
        try playIsHeard("PulseAudio started after the app")

        // Killed under the app: it says so, and a play fails without the play mark.
        pulse.stop()
        try tmux.wait(seconds: 15, "no sound after pulseaudio was killed") { status($0).contains("no sound") }
        try tmux.press("Space")
        var playMark: String?
        try tmux.wait(seconds: 15, "the failed play's reason") { screen in
            if status(screen).contains("▶") { playMark = status(screen) }
            return status(screen).contains("PulseAudio is not reachable")
        }
        #expect(playMark == nil, "the play mark while silent: \(playMark ?? "")")

        // Started again: sound is back without a key, and the next Space is heard.
        try pulse.start()
        try tmux.wait(seconds: 15, "Sound is back after the restart") { status($0).contains("Sound is back") && !status($0).contains("no sound") }
        try playIsHeard("PulseAudio restarted")
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }
    @Test("[ and ] mark a region while it plays, l loops it (heard again and again, never past its end), l again plays on to the end (issue 17)",
          .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
    func loopRegion() throws {
        let pulse = try PulseServer()
        let media = Scratch("tui-steps")
        // Each second its own pitch: 400, 600, ..., 1400 Hz.
        let steps = media.path("steps-tone.wav")
        try Fixtures.audio(steps, expression: "0.5*sin(2*PI*(400+200*floor(t))*t)", rate: 48000, seconds: 6, codecArguments: ["-c:a", "pcm_s16le"])
        let app = try App.importing(steps, pulse: pulse)
        let tmux = app.tmux
        func status(_ screen: String) -> String { String(screen.split(separator: "\n").last ?? "") }
        try app.showOnly("steps-tone", searching: "steps")
        try tmux.wait(seconds: 15, "sound") { !status($0).contains("sound starting") && !status($0).contains("no sound") }
        let recording = try pulse.record()
        try tmux.press("Space")
        try tmux.wait(seconds: 15, "second 1 playing") { status($0).contains("▶ 0:01/0:06") }
        try tmux.press("[")
        try tmux.wait(seconds: 15, "second 3 playing") { status($0).contains("▶ 0:03/0:06") }
        try tmux.press("]")
        try tmux.wait(seconds: 5, "the region in the pane") { $0.contains("region   0:0") }
        try tmux.press("l")
        try tmux.wait(seconds: 5, "the loop in the status line and the pane") { status($0).contains("▶ loop") && $0.contains(", looping") }
        let frequencies = SteppedToneLevels.frequencies
        // Second 2 (800 Hz) lies inside the region: heard over and over, more than the one second it lasts.
        let looped = recording.wait(seconds: 30) { ToneLevels($0, frequencies: frequencies, amplitude: 0.5).seconds(of: 2) >= 2.5 }
        let whileLooping = ToneLevels(looped, frequencies: frequencies, amplitude: 0.5)
        #expect(whileLooping.seconds(of: 2) >= 2.5, "second 2 heard for \(whileLooping.seconds(of: 2)) s while looping")
        #expect(whileLooping.seconds(of: 4) < 0.05 && whileLooping.seconds(of: 5) < 0.05, "past the region's end while looping")
        try tmux.press("l")
        try tmux.wait(seconds: 20, "the end after the loop was turned off") { status($0).contains("■ ended 0:06/0:06") }
        let all = ToneLevels(recording.waitForSilence(after: 0.3, soundAfter: looped.count), frequencies: frequencies, amplitude: 0.5)
        for second in [4, 5] {
            #expect(abs(all.seconds(of: second) - 1) <= 0.05, "second \(second) heard for \(all.seconds(of: second)) s after the loop")
        }
        // Esc clears the region.
        try tmux.press("Escape")
        try tmux.wait(seconds: 5, "the region cleared") { !$0.contains("region   0:0") }
        try tmux.press("q")
        try tmux.wait(seconds: 10, "the shell back") { !$0.contains("SampleTok ─") }
    }
}

/// The pitches of a 6-s tone stepping up every second.
enum SteppedToneLevels {
    static let frequencies: [Double] = (0..<6).map { 400 + 200 * Double($0) }
}
