/// A dialog drawn in a box in the middle of the screen: a label and a value per field, the
/// focused one highlighted with a cursor, the error of the last confirm, and the keys.
enum DialogView {
    static func draw(_ dialog: Dialog, glyphs: Glyphs, into canvas: inout Canvas) {
        let width = min(canvas.cols, 72)
        // An error is wrapped on as many lines as it needs (up to 6), never cut.
        let errorLines = dialog.error.map { Array(TextFit.wrap($0, width: max(1, width - 4)).prefix(6)) } ?? []
        let height = dialog.fields.count + 4 + errorLines.count
        let box = canvas.centered(height: height, width: width)
        canvas.box(box, title: dialog.title, glyphs: glyphs)
        let inner = box.inset(by: 1)
        guard !inner.isEmpty else { return }
        let labelWidth = min(12, max(4, inner.width / 4))
        let valueCol = inner.col + 1 + labelWidth + 2
        let valueWidth = inner.right - valueCol - 1
        for (index, field) in dialog.fields.enumerated() {
            let row = inner.row + index
            let focused = index == dialog.focus
            canvas.field(field.label, row: row, col: inner.col + 1, width: labelWidth, style: focused ? .bold : .dialog,
                         alignRight: true, clip: inner)
            var value: String
            var style: Style = focused ? .field : .dialog
            if field.isChoice {
                value = glyphs.isUnicode ? "‹ \(field.value) ›" : "< \(field.value) >"
            } else if field.text.isEmpty && !focused {
                value = field.placeholder
                style = .dim
            } else {
                value = field.text + (focused ? "_" : "")
                // Keep the end of a long value (where the cursor is) in view.
                let overflow = TextFit.width(value) - valueWidth
                if overflow > 0 { value = glyphs.ellipsis + String(value.dropFirst(overflow + 1)) }
            }
            canvas.field(value, row: row, col: valueCol, width: valueWidth, style: style, clip: inner)
        }
        var row = inner.row + dialog.fields.count
        for line in errorLines {
            canvas.field(line, row: row, col: inner.col + 1, width: inner.width - 2, style: .error, clip: inner)
            row += 1
        }
        let dot = glyphs.dot.trimmingCharacters(in: .whitespaces)
        let keys = dialog.fields.count > 1 ? "tab next field \(dot) enter ok \(dot) esc cancel" : "enter ok \(dot) esc cancel"
        canvas.field(keys, row: row + 1, col: inner.col + 1, width: inner.width - 2, style: .dim, clip: inner)
    }
}
