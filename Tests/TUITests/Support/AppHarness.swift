import Foundation
import Model
@testable import TUI

/// `HeadlessApp` over a fake client, with key presses by name and a clock for ticks.
struct AppHarness {
    private var app: HeadlessApp
    /// The clock the ticks carry.
    private(set) var now = 100.0

    /// The home folder `~` stands for in the app's paths.
    static let home = "/home/tester"

    init(client: FakeClient, rows: Int = 24, cols: Int = 80, keyMap: KeyMap = .defaults, glyphs: Glyphs = .unicode,
         audioReady: Bool = true, settings: AppSettings = AppSettings(), settingsFile: URL? = nil, problems: [String] = []) async {
        let state = AppState(location: client.location, isLocal: true, keyMap: keyMap, glyphs: glyphs, home: Self.home,
                             settings: settings, now: now, problems: problems)
        app = await HeadlessApp(client: client, state: state, rows: rows, cols: cols, settingsFile: settingsFile)
        if audioReady { await send(.audioReady) }
    }

    var state: AppState { app.state }
    var effects: [Effect] { app.effects }
    var screen: Canvas { app.screen }

    /// Applies an event and everything it leads to.
    mutating func send(_ event: AppEvent) async { await app.send(event) }

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
}
