import CNcursesw

/// How each `Style` looks: a colour pair and attributes, or attributes only in monochrome
/// (no colours in the terminal, or `NO_COLOR` set).
struct StylePalette {
    private var attributes: [attr_t]
    private var pairs: [Int16]

    /// Sets up the colour pairs when `colors` is true and the terminal has colours.
    init(colors: Bool) {
        let count = Style.allCases.count
        attributes = Array(repeating: shim_a_normal(), count: count)
        pairs = Array(repeating: 0, count: count)
        let useColors = colors && has_colors()
        if useColors {
            start_color()
            use_default_colors()
        }
        for style in Style.allCases {
            let (fg, bg, colorAttributes, monoAttributes) = Self.look(style)
            let index = Int(style.rawValue)
            if useColors {
                let pair = Int16(index + 1)
                init_pair(pair, fg, bg)
                pairs[index] = pair
                attributes[index] = colorAttributes
            } else {
                attributes[index] = monoAttributes
            }
        }
    }

    /// The attributes and pair of a style.
    func look(of style: Style) -> (attr_t, Int16) {
        (attributes[Int(style.rawValue)], pairs[Int(style.rawValue)])
    }

    /// Foreground, background (-1: the terminal's own), attributes with colours, attributes without.
    private static func look(_ style: Style) -> (Int16, Int16, attr_t, attr_t) {
        let normal = shim_a_normal(), bold = shim_a_bold(), reverse = shim_a_reverse(), dim = shim_a_dim()
        let underline = shim_a_underline()
        let (black, red, green, yellow, blue, cyan, white) = (Int16(COLOR_BLACK), Int16(COLOR_RED), Int16(COLOR_GREEN),
                                                             Int16(COLOR_YELLOW), Int16(COLOR_BLUE), Int16(COLOR_CYAN),
                                                             Int16(COLOR_WHITE))
        let magenta = Int16(COLOR_MAGENTA)
        switch style {
        case .normal: return (-1, -1, normal, normal)
        case .dim: return (-1, -1, dim, dim)
        case .bold: return (-1, -1, bold, bold)
        case .header: return (black, cyan, bold, reverse | bold)
        case .selected: return (white, blue, bold, reverse)
        case .playing: return (green, -1, bold, bold)
        case .accent: return (yellow, -1, bold, bold)
        case .error: return (red, -1, bold, bold | underline)
        case .success: return (green, -1, normal, normal)
        case .warning: return (yellow, -1, normal, normal)
        case .wave: return (cyan, -1, normal, normal)
        case .wavePlayed: return (green, -1, bold, bold)
        case .region: return (magenta, -1, bold, reverse)
        case .border: return (blue, -1, normal, dim)
        case .dialog: return (-1, -1, normal, normal)
        case .field: return (black, white, normal, reverse | underline)
        }
    }
}
