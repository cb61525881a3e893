/// A key the user pressed, decoded from the terminal. Its `name` is how `keys.toml` and the help
/// overlay spell it: `j`, `G`, `?`, `space`, `enter`, `esc`, `tab`, `backspace`, `up`, `down`,
/// `left`, `right`, `shift-left`, `shift-right`, `pgup`, `pgdn`, `home`, `end`, `delete`, `ctrl-x`, `f1`…`f12`.
public enum KeyPress: Sendable, Hashable, CustomStringConvertible {
    /// A printable character (including space).
    case character(Character)
    /// A control combination, by its letter (`ctrl-c` is `.control("c")`).
    case control(Character)
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace.
    case backspace
    /// Delete.
    case delete
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Shift and arrow left.
    case shiftLeft
    /// Shift and arrow right.
    case shiftRight
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// A function key, F1–F12.
    case function(Int)

    /// The name used in `keys.toml` and in the help.
    public var name: String {
        switch self {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .control(let c): return "ctrl-\(c)"
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .shiftLeft: return "shift-left"
        case .shiftRight: return "shift-right"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .home: return "home"
        case .end: return "end"
        case .function(let n): return "f\(n)"
        }
    }

    public var description: String { name }

    /// How the help and the status line show it: `␣`, `↵`, `←`, … in Unicode, else the name.
    func label(unicode: Bool) -> String {
        guard unicode else { return name }
        switch self {
        case .character(" "): return "␣"
        case .enter: return "↵"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftLeft: return "⇧←"
        case .shiftRight: return "⇧→"
        default: return name
        }
    }

    /// Whether a text field takes this key as typed text.
    var typedCharacter: Character? {
        if case .character(let c) = self { return c }
        return nil
    }

    /// The key a name stands for (`"pgdn"`, `"ctrl-r"`, `"G"`, `"space"`), or nil.
    public init?(name raw: String) {
        let name = raw.trimmingCharacters(in: .whitespaces)
        let lower = name.lowercased()
        switch lower {
        case "space": self = .character(" "); return
        case "enter", "return": self = .enter; return
        case "esc", "escape": self = .escape; return
        case "tab": self = .tab; return
        case "shift-tab", "backtab": self = .backTab; return
        case "backspace", "bs": self = .backspace; return
        case "delete", "del": self = .delete; return
        case "up": self = .up; return
        case "down": self = .down; return
        case "left": self = .left; return
        case "right": self = .right; return
        case "shift-left", "s-left": self = .shiftLeft; return
        case "shift-right", "s-right": self = .shiftRight; return
        case "pgup", "pageup": self = .pageUp; return
        case "pgdn", "pagedown": self = .pageDown; return
        case "home": self = .home; return
        case "end": self = .end; return
        default: break
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter, c.isASCII {
            self = .control(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
            return
        }
        guard name.count == 1, let c = name.first, !c.isWhitespace,
              c.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl }) else { return nil }
        self = .character(c)
    }
}

private extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format }
}
