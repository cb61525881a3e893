import Foundation

/// Which keys do which action. Starts from `defaults`; `keys.toml` can rebind any action.
/// `ctrl-c` always quits, whatever the map says.
public struct KeyMap: Sendable, Equatable {
    /// The keys of each action, in the order the help shows them.
    public private(set) var bindings: [Action: [KeyPress]]
    private var lookup: [KeyPress: Action]

    /// A map from bindings; a key listed under two actions belongs to the first in `Action.allCases`.
    public init(bindings: [Action: [KeyPress]]) {
        self.bindings = bindings
        lookup = [:]
        for action in Action.allCases.reversed() {
            for key in bindings[action] ?? [] { lookup[key] = action }
        }
    }

    /// The default keys (like cmus and ncmpcpp).
    public static let defaults = KeyMap(bindings: [
        .down: [.character("j"), .down], .up: [.character("k"), .up],
        .pageDown: [.pageDown, .control("f")], .pageUp: [.pageUp, .control("b")],
        .top: [.character("g"), .home], .bottom: [.character("G"), .end],
        .playPause: [.character(" "), .enter],
        .seekBack: [.left, .character(",")], .seekForward: [.right, .character(".")],
        .seekBackFar: [.shiftLeft, .character("H")], .seekForwardFar: [.shiftRight, .character("L")],
        .markStart: [.character("[")], .markEnd: [.character("]")], .snap: [.character("\\")], .loop: [.character("l")],
        .session: [.character("t")], .sync: [.character("y")],
        .volumeUp: [.character("=")], .volumeDown: [.character("-")],
        .next: [.character("n")], .previous: [.character("p")], .autoplay: [.character("A")],
        .search: [.character("/")], .filters: [.character("f")], .sort: [.character("o")], .reverse: [.character("O")],
        .add: [.character("a")], .export: [.character("d")], .copyPath: [.character("Y")], .refresh: [.character("r")],
        .delete: [.character("x")], .retry: [.character("R")],
        .stems: [.character("s")], .expand: [.character("e"), .tab],
        .collections: [.character("c")], .messages: [.character("M")],
        .star: [.character("*")], .starredOnly: [.character("F")], .crate: [.character("+")], .crates: [.character("C")],
        .similar: [.character("m")],
        .help: [.character("?")], .quit: [.character("q")],
    ])

    /// The action of a key, if it has one.
    public func action(for key: KeyPress) -> Action? {
        if key == .control("c") { return .quit }
        return lookup[key]
    }

    /// The keys of an action.
    public func keys(for action: Action) -> [KeyPress] { bindings[action] ?? [] }

    /// The first key of an action as the status line shows it (`?` when it has none).
    func label(_ action: Action, unicode: Bool) -> String {
        keys(for: action).first?.label(unicode: unicode) ?? "?"
    }
}
