/// A horizontal bar of `width` cells filled to a fraction, as the jobs pane and the collections
/// panel draw it.
enum ProgressBar {
    static func draw(_ fraction: Double, failed: Bool, row: Int, col: Int, width: Int, glyphs g: Glyphs,
                     into canvas: inout Canvas) {
        guard width > 0 else { return }
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        canvas.text(String(repeating: g.barFull, count: filled), row: row, col: col, width: filled,
                    style: failed ? .error : .accent)
        canvas.text(String(repeating: g.barEmpty, count: width - filled), row: row, col: col + filled,
                    width: width - filled, style: .border)
    }
}
