import Model

/// The stem dialog in a box over the app: the provider, a check box per stem type (disabled ones
/// with the provider's reason), the full reason of the focused type, the cost against the
/// balance, the refusal of the last confirm, and the keys.
enum StemDialogView {
    /// The check box of a stem type: `[x]`, `[ ]`, `[-]` for one the provider cannot make, `[=]`
    /// for one the user already has from it and `[~]` for one on its way.
    static func checkBox(_ dialog: StemDialog, _ type: StemType) -> String {
        switch dialog.holding(type) {
        case .owned?: return "[=]"
        case .inFlight?: return "[~]"
        case nil: break
        }
        if !dialog.offer(type).isAvailable { return "[-]" }
        return dialog.checked.contains(type) ? "[x]" : "[ ]"
    }

    /// `1 stem × 2 credits = 2 credits · balance 10 credits`.
    static func costLine(_ dialog: StemDialog, glyphs g: Glyphs) -> String {
        let n = dialog.checked.count
        let times = g.isUnicode ? "×" : "x"
        var line = "\(n) stem\(n == 1 ? "" : "s") \(times) \(StemDialog.credits(dialog.costPerStem)) = \(StemDialog.credits(dialog.cost))"
        if let balance = dialog.balance {
            line += "\(g.dot)balance \(StemDialog.credits(balance))"
        } else if let error = dialog.balanceError {
            line += "\(g.dot)balance unknown: \(error)"
        } else {
            line += "\(g.dot)balance …"
        }
        if let max = dialog.catalog?.maxStemsPerRequest { line += "\(g.dot)at most \(max)" }
        return line
    }

    static func draw(_ dialog: StemDialog, state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        let width = min(canvas.cols, 76)
        let types = StemType.allCases
        let textWidth = max(1, width - 4)
        let note = dialog.focusedType.flatMap { type -> String? in
            let offer = dialog.offer(type)
            switch offer.support {
            case .supported: return nil
            case .estimate: return "\(type.displayName): an estimate, \(offer.reason ?? "")"
            case .unsupported: return "\(type.displayName): \(offer.reason ?? "not supported")"
            }
        }
        let noteLines = note.map { Array(TextFit.wrap($0, width: textWidth).prefix(2)) } ?? []
        let errorLines = dialog.error.map { Array(TextFit.wrap($0, width: textWidth).prefix(4)) } ?? []
        let providerReason = dialog.chosenProvider.flatMap { $0.configured ? nil : $0.reason }
        // provider (+ its reason), a rule, the types, the note, the cost, the error, the keys.
        let fixed = 1 + (providerReason == nil ? 0 : 1) + 1 + 2 + errorLines.count + 1 + 1
        let wanted = fixed + types.count + noteLines.count
        let box = canvas.centered(height: min(canvas.rows, wanted + 2), width: width)
        canvas.box(box, title: "Stems of \(SampleFormat.title(dialog.sample))", glyphs: g)
        let inner = box.inset(by: 1)
        guard inner.height >= 3, inner.width >= 10 else { return }
        let col = inner.col + 1
        var row = inner.row

        // The provider.
        let providerFocused = dialog.focus == 0
        canvas.field("provider", row: row, col: col, width: 9, style: providerFocused ? .bold : .dialog, clip: inner)
        let name = dialog.chosenProvider?.displayName ?? (dialog.loadError == nil ? "loading…" : "unavailable")
        let value = (g.isUnicode ? "‹ \(name) ›" : "< \(name) >")
            + (dialog.chosenProvider?.configured == false ? "  not configured" : "")
        canvas.field(value, row: row, col: col + 10, width: max(0, inner.right - col - 11),
                     style: providerFocused ? .field : (dialog.chosenProvider?.configured == false ? .warning : .dialog), clip: inner)
        row += 1
        if let providerReason {
            canvas.field(SampleFormat.oneLine(providerReason), row: row, col: col + 10, width: max(0, inner.right - col - 11),
                         style: .warning, clip: inner)
            row += 1
        }
        row += 1

        // The stem types: as many as fit, keeping the focused one in view.
        let room = max(1, inner.bottom - row - (noteLines.count + 2 + errorLines.count + 1 + 1))
        let focusIndex = max(0, dialog.focus - 1)
        let first = types.count <= room ? 0 : max(0, min(focusIndex - room / 2, types.count - room))
        for type in types.dropFirst(first).prefix(room) where row < inner.bottom {
            let focused = dialog.focusedType == type
            let offer = dialog.offer(type)
            let style: Style = focused ? .field : (offer.isAvailable ? .dialog : .dim)
            if focused { canvas.fill(Rect(row: row, col: inner.col, height: 1, width: inner.width), style: .field) }
            canvas.field("\(checkBox(dialog, type)) \(type.displayName)", row: row, col: col, width: 20, style: style, clip: inner)
            var tag: String
            switch offer.support {
            case .supported: tag = ""
            case .estimate: tag = "estimate"
            case .unsupported: tag = "unavailable: \(offer.reason ?? "not supported")"
            }
            switch dialog.holding(type) {
            case .owned?: tag = "you have it"
            case .inFlight?: tag = "on its way"
            case nil: break
            }
            canvas.field(SampleFormat.oneLine(tag), row: row, col: col + 21, width: max(0, inner.right - col - 22),
                         style: focused ? .field : .dim, clip: inner)
            row += 1
        }
        for line in noteLines where row < inner.bottom {
            canvas.field(line, row: row, col: col, width: textWidth, style: .dim, clip: inner)
            row += 1
        }
        row += 1
        if row < inner.bottom {
            canvas.field(costLine(dialog, glyphs: g), row: row, col: col, width: textWidth,
                         style: dialog.isOverBudget ? .error : .bold, clip: inner)
            row += 1
        }
        for line in errorLines where row < inner.bottom - 1 {
            canvas.field(line, row: row, col: col, width: textWidth, style: .error, clip: inner)
            row += 1
        }
        let dot = g.dot.trimmingCharacters(in: .whitespaces)
        let arrows = g.isUnicode ? "←→" : "left/right"
        let keys = dialog.isSending ? "asking…"
            : "space check \(dot) \(arrows) provider \(dot) enter ask \(dot) esc close"
        canvas.field(keys, row: inner.bottom - 1, col: col, width: textWidth, style: .dim, clip: inner)
    }
}
