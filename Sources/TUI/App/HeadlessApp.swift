import Client
import Foundation
import Model

/// The app without a terminal or sound: events go through the state's update, the effects run
/// against the client and their answers are fed back until nothing is left to do; `screen` is
/// the frame a terminal would show. Tests and `sampletok bench tui` drive it.
public struct HeadlessApp {
    /// The state.
    public internal(set) var state: AppState
    private let runner: EffectRunner
    /// Every effect asked for, in order.
    public private(set) var effects: [Effect] = []
    /// Seconds spent so far in each kind of effect (by its case name, `Effect.name`) and in the
    /// state's handling of their answers (`"update"`): what `bench tui` breaks a key's time into.
    public private(set) var seconds: [String: Double] = [:]
    /// When the last `run` first applied rows of the current query (a page of it arrived): the
    /// moment the app draws the frame with the new rows, which the count may follow.
    public private(set) var rowsArrived: ContinuousClock.Instant?

    /// The app over `client` in a `rows` × `cols` terminal, saving its settings to `settingsFile`
    /// (not at all without one); returns once the first page is loaded.
    public init(client: any SampleTokClient, state: AppState, rows: Int, cols: Int, settingsFile: URL? = nil) async {
        self.state = state
        self.state.rows = rows
        self.state.cols = cols
        runner = EffectRunner(client: client, audio: nil, settingsFile: settingsFile)
        await run(self.state.start())
    }

    /// The frame for the current state.
    public var screen: Canvas { Screen.render(state) }

    /// Applies an event and everything it leads to.
    public mutating func send(_ event: AppEvent) async {
        await run(state.handle(event))
    }

    /// Applies an event only; returns the effects it asks for (for `run`).
    public mutating func apply(_ event: AppEvent) -> [Effect] {
        state.handle(event)
    }

    /// Runs effects and what their answers lead to, until nothing is left to do.
    public mutating func run(_ initial: [Effect]) async {
        var queue = initial
        rowsArrived = nil
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            effects.append(effect)
            let answers = Locked<[AppEvent]>([])
            let clock = ContinuousClock()
            let ran = await clock.measure { await runner.run(effect) { event in answers.withLock { $0.append(event) } } }
            let handled = clock.measure {
                for event in answers.withLock({ $0 }) {
                    queue += state.handle(event)
                    if rowsArrived == nil, case .pageLoaded(let generation, _, _) = event, generation == state.list.generation {
                        rowsArrived = .now
                    }
                }
            }
            seconds[effect.name, default: 0] += ran.seconds
            seconds["update", default: 0] += handled.seconds
        }
    }
}
