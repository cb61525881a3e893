/// The ASCII look-alikes of the characters the app draws with, for a locale that is not UTF-8.
enum ASCIIFallback {
    /// `character` if it is printable ASCII, else its look-alike, else `?`.
    static func character(for character: Character) -> Character {
        if let ascii = character.asciiValue { return ascii >= 32 && ascii < 127 ? character : "?" }
        return table[character] ?? "?"
    }

    private static let table: [Character: Character] = [
        "…": "~", "─": "-", "━": "=", "│": "|", "█": "#", "░": ".", "▶": ">", "‖": "=", "·": "-",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "╸": ">", "‹": "<", "›": ">", "✗": "x", "␣": "_",
        "↵": "<", "←": "<", "→": ">", "↑": "^", "↓": "v", "×": "x", "≥": ">", "≤": "<",
    ]
}
