/// Fitting strings into columns: cutting with an ellipsis and padding, by display width.
enum TextFit {
    /// The display width of `text`.
    static func width(_ text: String) -> Int { text.reduce(0) { $0 + CharacterWidth.of($1) } }

    /// `text` cut (ending in `…`) or padded with spaces to exactly `width` columns.
    static func fit(_ text: String, width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let w = self.width(text)
        if w <= width {
            let pad = String(repeating: " ", count: width - w)
            return alignRight ? pad + text : text + pad
        }
        var out = ""
        var used = 0
        for character in text {
            let cw = CharacterWidth.of(character)
            if used + cw > width - 1 { break }
            out.append(character)
            used += cw
        }
        return out + "…" + String(repeating: " ", count: max(0, width - 1 - used))
    }

    /// `text` broken into lines of at most `width` columns, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in SampleFormat.oneLine(text).split(separator: " ") {
            var word = String(word)
            while TextFit.width(word) > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word }
            else if TextFit.width(current) + 1 + TextFit.width(word) <= width { current += " " + word }
            else { lines.append(current); current = word }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
