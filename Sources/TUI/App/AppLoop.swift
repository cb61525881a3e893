import Client
import Foundation
import Model

/// The app's loop on its own thread: apply events from the inbox, read a key (25 ms timeout),
/// tick the clock, start the effects, and draw a frame when something visible changed.
final class AppLoop {
    private let client: any SampleTokClient
    private let options: TerminalOptions
    private let inbox = Inbox()
    private let audio = AudioDeck()
    private let tasks = ClientTasks()
    private var runner: EffectRunner {
        EffectRunner(client: client, audio: audio, settingsFile: options.settingsFile, clipboard: { Clipboard.copy($0) })
    }

    init(client: any SampleTokClient, options: TerminalOptions) {
        self.client = client
        self.options = options
    }

    /// Runs until quit; returns the exit status.
    func run() -> Int32 {
        let (keyMap, problems) = KeyMap.load(from: options.keysFile)
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(colors: options.usesColors)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 69
        }
        let (settings, settingsProblems) = AppSettings.load(from: options.settingsFile)
        let redirect = StandardErrorRedirect(to: options.logFile)
        defer {
            terminal.stop()
            redirect.restore()
        }
        // Every problem of the files goes to the log file too (stderr is redirected to it).
        for problem in problems + settingsProblems { FileHandle.standardError.write(Data("sampletok: \(problem)\n".utf8)) }
        var state = AppState(location: client.location, isLocal: options.isLocal, keyMap: keyMap,
                             glyphs: terminal.isUTF8 ? .unicode : .ascii, seekStep: options.seekStep,
                             exportFolder: options.exportFolder, settings: settings, now: ProcessInfo.processInfo.systemUptime,
                             problems: problems + settingsProblems)
        (state.rows, state.cols) = terminal.size
        audio.open(server: options.pulseServer, inbox: inbox)
        launch(state.start())
        terminal.draw(Screen.render(state))
        while !state.isQuitting {
            var changed = false
            if TerminalSignals.take() != nil { launch(state.handle(.terminate)); break }
            for event in inbox.drain() {
                launch(state.handle(event))
                changed = true
            }
            // One key waits up to 25 ms; keys already typed (a paste, fast typing) follow at once.
            var timeout: Int32 = 25
            while let input = terminal.read(timeout: timeout) {
                timeout = 0
                changed = true
                switch input {
                case .key(let key): launch(state.handle(.key(key)))
                case .click(let row, let col): launch(state.handle(.click(row: row, col: col)))
                case .resize:
                    terminal.invalidate()
                    let size = terminal.size
                    launch(state.handle(.resize(rows: size.rows, cols: size.cols)))
                }
                if state.isQuitting { break }
            }
            let before = TickSignature(state)
            launch(state.handle(.tick(now: ProcessInfo.processInfo.systemUptime,
                                      player: state.playback.playingID == nil ? nil : audio.snapshot)))
            if changed || TickSignature(state) != before { terminal.draw(Screen.render(state)) }
        }
        audio.stop()
        tasks.cancelAll()
        // The list's place for the next start (the sort and filters were saved as they changed).
        try? state.rememberedSettings.save(to: options.settingsFile)
        return 0
    }

    /// Starts effects: the player's in order on this thread, the client's as tasks (a page load
    /// cancels those of older queries).
    private func launch(_ effects: [Effect]) {
        guard !effects.isEmpty else { return }
        let runner = self.runner
        let inbox = self.inbox
        for effect in effects {
            if effect.isImmediate {
                runner.runImmediately(effect) { inbox.post($0) }
            } else if let generation = effect.listGeneration {
                tasks.start(generation: generation) { await runner.run(effect) { inbox.post($0) } }
            } else {
                tasks.start { await runner.run(effect) { inbox.post($0) } }
            }
        }
    }
}

/// What a tick can change on screen, to draw only when it did.
private struct TickSignature: Equatable {
    let player: PlaybackSnapshot.State
    let position: Int
    let message: StatusMessage?
    let jobs: Int
    let audio: AppState.AudioState

    init(_ state: AppState) {
        player = state.playback.player.state
        position = Int(state.playback.player.position * 20)
        message = state.message
        jobs = state.jobs.rows.count
        audio = state.playback.audio
    }
}
