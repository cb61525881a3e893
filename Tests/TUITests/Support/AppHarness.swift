import Foundation
import Model
import Synchronization
@testable import TUI

/// Drives the app's state like the real loop does, without a terminal or sound: events go
/// through `handle`, the effects run against a fake client, their answers are fed back until
/// nothing is left to do. `screen` is the frame the terminal would show.
struct AppHarness {
    var state: AppState
    let runner: EffectRunner
    /// Every effect asked for, in order.
    private(set) var effects: [Effect] = []
    /// The clock the ticks carry.
    private(set) var now = 100.0

    init(client: FakeClient, rows: Int = 24, cols: Int = 80, keyMap: KeyMap = .defaults, glyphs: Glyphs = .unicode,
         audioReady: Bool = true) async {
        state = AppState(location: client.location, isLocal: true, keyMap: keyMap, glyphs: glyphs)
        state.rows = rows
        state.cols = cols
        state.now = now
        runner = EffectRunner(client: client, audio: nil)
        await run(state.start())
        if audioReady { await send(.audioReady) }
    }

    /// The frame for the current state.
    var screen: Canvas { Screen.render(state) }

    /// Applies an event and everything it leads to.
    mutating func send(_ event: AppEvent) async {
        await run(state.handle(event))
    }

    /// Presses keys given by their `keys.toml` names (`j`, `down`, `enter`, `space`, `esc`).
    mutating func press(_ names: String...) async {
        for name in names {
            guard let key = KeyPress(name: name) else { fatalError("no key named \(name)") }
            await send(.key(key))
        }
    }

    /// Types text, one character key at a time.
    mutating func type(_ text: String) async {
        for character in text { await send(.key(.character(character))) }
    }

    /// Lets `seconds` pass (one tick).
    mutating func wait(_ seconds: Double) async {
        now += seconds
        await send(.tick(now: now, player: nil))
    }

    /// Effects of one kind asked for so far.
    func effects(where match: (Effect) -> Bool) -> [Effect] { effects.filter(match) }

    private mutating func run(_ initial: [Effect]) async {
        var queue = initial
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            effects.append(effect)
            let answers = Mutex<[AppEvent]>([])
            await runner.run(effect) { event in answers.withLock { $0.append(event) } }
            for event in answers.withLock({ $0 }) { queue += state.handle(event) }
        }
    }
}
