import Foundation
import Model
import Testing

/// Every dotted code the sources raise is declared once, with its status and retry rule.
@Suite("error codes")
struct ErrorCodeTests {
    /// The `Sources/` folder of this checkout.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The codes written as string literals where an error is made (`code: "x.y"`) or matched.
    static func literalCodes() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"(?:code: |Error\(code: |APIError\(\.[a-zA-Z]+, |case )"([a-z_]+\.[a-z_]+)""#)
        var found = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { found.insert(String(text[range])) }
            }
        }
        return found
    }

    @Test("every code an error is made with in Sources/ is declared")
    func literalsAreDeclared() throws {
        let literals = try Self.literalCodes()
        #expect(literals.count > 10, "the scan found the sources")
        let declared = Set(ErrorCode.all.map(\.name))
        #expect(literals.subtracting(declared).sorted() == [])
    }

    @Test("each code is declared once and is dotted")
    func declaredOnce() {
        let names = ErrorCode.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.split(separator: ".").count == 2, "\(name)")
        }
    }

    @Test("statuses and retry rules a client and the job runner rely on")
    func meanings() {
        #expect(ErrorCode.named("sample.not_found").httpStatus == 404)
        #expect(ErrorCode.creditsInsufficient.httpStatus == 402)
        #expect(ErrorCode.rateLimited.httpStatus == 429)
        #expect(ErrorCode.fetchTimeout.isRetryable)
        #expect(ErrorCode.instagramRateLimited.isRetryable)
        #expect(!ErrorCode.mediaCorrupt.isRetryable, "a corrupt file stays corrupt")
        #expect(!ErrorCode.linkForbidden.isRetryable)
        #expect(!ErrorCode.stemsProviderQuota.isRetryable)
        let unknown = ErrorCode.named("newer.code")
        #expect(unknown.httpStatus == 500 && !unknown.isRetryable)
    }

    @Test("a switch over a code string matches the declared codes")
    func patternMatching() {
        func kind(_ code: String) -> String {
            switch code {
            case ErrorCode.sampleNotFound: return "missing"
            case ErrorCode.rateLimited: return "slow down"
            default: return "other"
            }
        }
        #expect(kind("sample.not_found") == "missing")
        #expect(kind("rate.limited") == "slow down")
        #expect(kind("sample.not_ready") == "other")
        #expect(SampleTokError(.sampleBusy, "busy").has(.sampleBusy))
        #expect(!SampleTokError(.sampleBusy, "busy").has(.sampleNotReady))
    }
}
