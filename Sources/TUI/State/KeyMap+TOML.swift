import Foundation

extension KeyMap {
    /// Parses the text of a `keys.toml`: an optional `[keys]` table of `action = "key"` or
    /// `action = ["key", "key"]` lines (`#` comments). Each action listed loses its default keys.
    public static func parse(_ text: String, name: String = "keys.toml") -> (map: KeyMap, problems: [String]) {
        var problems: [String] = []
        var rebound: [(Action, [KeyPress], line: Int)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = TOMLLine.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                if line != "[keys]" { problems.append("\(name) line \(lineNumber): only a [keys] table is read, not \(line)") }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("\(name) line \(lineNumber): expected action = \"key\" or action = [\"key\", …]")
                continue
            }
            let actionName = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            guard let action = Action(rawValue: actionName) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("\(name) line \(lineNumber): unknown action '\(actionName)' (known: \(known))")
                continue
            }
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let names = TOMLLine.strings(value) else {
                problems.append("\(name) line \(lineNumber): \(actionName) needs a quoted key or a list of them, e.g. [\"j\", \"down\"]")
                continue
            }
            var keys: [KeyPress] = []
            for keyName in names {
                if let key = KeyPress(name: keyName) { keys.append(key) } else {
                    problems.append("\(name) line \(lineNumber): '\(keyName)' is not a key name (try j, G, space, enter, esc, left, pgdn, ctrl-r, f5)")
                }
            }
            rebound.append((action, keys, lineNumber))
        }
        return resolve(rebound, problems: problems, name: name)
    }

    /// Applies rebindings over the defaults: the file wins over a default; between two lines of
    /// the file, the first wins.
    private static func resolve(_ rebound: [(Action, [KeyPress], line: Int)], problems initial: [String],
                                name: String) -> (map: KeyMap, problems: [String]) {
        var problems = initial
        var bindings = defaults.bindings
        var claimed: [KeyPress: Action] = [:]
        for (action, keys, line) in rebound {
            var kept: [KeyPress] = []
            for key in keys {
                if key == .control("c") {
                    problems.append("\(name) line \(line): ctrl-c always quits; it cannot be bound")
                } else if let owner = claimed[key], owner != action {
                    problems.append("\(name) line \(line): '\(key.name)' is already bound to \(owner.rawValue); \(owner.rawValue) keeps it")
                } else if !kept.contains(key) {
                    kept.append(key)
                    claimed[key] = action
                }
            }
            if !kept.isEmpty, kept.allSatisfy({ if case .function = $0 { return true } else { return false } }) {
                problems.append("\(name) line \(line): \(action.rawValue) would be reachable only by an F-key; its default keys stay too")
                kept += defaults.keys(for: action).filter { claimed[$0] == nil }
            }
            bindings[action] = kept
        }
        // A default key the file gave to another action leaves its old action.
        for action in Action.allCases where !rebound.contains(where: { $0.0 == action }) {
            bindings[action] = defaults.keys(for: action).filter { key in
                guard let owner = claimed[key], owner != action else { return true }
                return false
            }
        }
        for action in Action.allCases where (bindings[action] ?? []).isEmpty {
            problems.append("\(name): \(action.rawValue) has no key left")
        }
        return (KeyMap(bindings: bindings), problems)
    }
}

/// The bits of TOML a key map needs: comments, basic and literal strings, arrays of them.
enum TOMLLine {
    /// The line without a `#` comment (a `#` inside quotes stays).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for (offset, c) in line.enumerated() {
            if escaped { escaped = false; continue }
            if c == "\\", quote == "\"" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "#" { return String(line.prefix(offset)) }
        }
        return line
    }

    /// The strings of `"a"` or `["a", 'b']`; nil when it is neither.
    static func strings(_ value: String) -> [String]? {
        var rest = Substring(value)
        if rest.hasPrefix("[") {
            guard rest.hasSuffix("]") else { return nil }
            rest = rest.dropFirst().dropLast()
            var items: [String] = []
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                if rest.isEmpty { return items }
                guard let (item, after) = string(rest) else { return nil }
                items.append(item)
                rest = after.drop { $0 == " " || $0 == "\t" }
                if rest.isEmpty { return items }
                guard rest.first == "," else { return nil }
                rest = rest.dropFirst()
            }
        }
        guard let (item, after) = string(rest), after.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        return [item]
    }

    /// One quoted string at the start of `text`, and what follows it.
    private static func string(_ text: Substring) -> (String, Substring)? {
        guard let quote = text.first, quote == "\"" || quote == "'" else { return nil }
        var out = ""
        var escaped = false
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if escaped {
                out.append(c == "t" ? "\t" : c)
                escaped = false
            } else if c == "\\" && quote == "\"" {
                escaped = true
            } else if c == quote {
                return (out, text[text.index(after: index)...])
            } else {
                out.append(c)
            }
            index = text.index(after: index)
        }
        return nil
    }
}
