/// The shapes of the search tokens that stand for a filter, checked character by character: a
/// regular expression literal is parsed again each time it is used (about 5 % of a search
/// keystroke's CPU, issue 22).
enum TokenShape {
    /// One ASCII digit or more (`\d+`).
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// Digits, then optionally a point and digits (`\d+(\.\d+)?`).
    static func isDecimal(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { isDigits($0) }
    }

    /// A key as typed bare: a tonic A–G, then an accidental (`#`, `♯`, `b`, `♭`) and an optional
    /// mode, or a mode alone (`m`, `min`, `maj`): `Am`, `F#m`, `Bb`, `Ebmaj`.
    static func isKey(_ token: some StringProtocol) -> Bool {
        guard let tonic = token.first, "ABCDEFG".contains(tonic) else { return false }
        var rest = token.dropFirst()
        let modes: Set<Substring> = ["m", "min", "maj"]
        if let accidental = rest.first, "#♯b♭".contains(accidental) {
            rest = rest.dropFirst()
            return rest.isEmpty || modes.contains(Substring(rest))
        }
        return modes.contains(Substring(rest))
    }

    /// A Camelot code: 1–12 (no leading zero), then A or B in either case (`8A`, `12b`).
    static func isCamelot(_ token: some StringProtocol) -> Bool {
        guard let letter = token.last, "ABab".contains(letter) else { return false }
        let number = token.dropLast()
        guard isDigits(number), number.first != "0", let value = Int(number) else { return false }
        return (1...12).contains(value)
    }
}
