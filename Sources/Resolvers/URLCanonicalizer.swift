import Foundation

/// The canonical form of a URL, so that the same post submitted twice is recognised: scheme and
/// host lower-cased, default port, fragment and tracking parameters (`utm_*`, `fbclid`, …) dropped,
/// and no credentials (`URLRedactor`: userinfo, signatures, tokens), since it is shown to anyone.
enum URLCanonicalizer {
    /// Query parameters that only track where a link was shared from.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "igshid", "igsh", "mc_cid", "mc_eid", "_r", "_t", "is_from_webapp",
        "sender_device", "sender_web_id", "share_app_id", "share_item_id", "share_link_id", "si", "ref", "ref_src",
    ]

    /// The canonical text of `text`, or nil when it is not an http(s) URL with a host.
    static func canonical(_ text: String) -> String? {
        guard var components = URLComponents(string: URLRedactor.redact(text)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        let kept = (components.queryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        components.queryItems = kept.isEmpty ? nil : kept
        if components.path.isEmpty { components.path = "/" }
        return components.string
    }
}
