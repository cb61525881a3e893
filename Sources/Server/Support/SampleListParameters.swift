import Engine
import Hummingbird
import Model

/// The query string of `GET /api/v1/samples` as a `SampleQuery`, or 400 naming the bad parameter.
///
/// `q` (words and field filters, `SearchSyntax`), `bpm_min`, `bpm_max` (plain decimals such as
/// `120` or `92.5`; 20–400 is typical, any 0–1000), `bpm_half_double` (`true`: the tempo range
/// at half and double time too), `key` ("A minor", `Am`, `8A`; with
/// `scale=major|minor` a bare tonic like `A`), `compatible_with` (a key), `status`, `starred` (`true`: the signed-in user's starred
/// samples only, `false`: the others; needs a bearer token), `sort`
/// (`relevance` or a `SampleSort`), `reverse` (`true`: that order backwards), `count` (`false`:
/// the page without counting every match, `total` exact only short of a full page), `page` (from
/// 1), `limit` (1–200).
enum SampleListParameters {
    static func query(from request: Request) throws -> SampleQuery {
        try query(from: FormQuery(request.uri.query ?? ""))
    }

    /// The `SampleQuery` of a parsed query string.
    static func query(from parameters: FormQuery) throws -> SampleQuery {
        func value(_ name: String) -> String? {
            guard let text = parameters[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func number(_ name: String) throws -> Double? {
            guard let text = value(name) else { return nil }
            // A JSON number (the document's `type: number`: `120`, `92.5`, `1.2e2`), not the
            // other things `Double` takes (0x10, inf, nan, a sign).
            let isNumber = text.wholeMatch(of: /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/) != nil
            guard isNumber, let number = Double(text), number.isFinite, (0...1000).contains(number) else {
                throw APIError.badRequest("\(name) must be a tempo between 0 and 1000, not '\(text)'.")
            }
            return number
        }
        func integer(_ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                throw APIError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'.")
            }
            return number
        }

        func boolean(_ name: String) throws -> Bool? {
            guard let text = value(name) else { return nil }
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: throw APIError.badRequest("\(name) must be true or false, not '\(text)'.")
            }
        }

        var query = SampleQuery(page: try integer("page", 1...1_000_000, default: 1), limit: try integer("limit", 1...200, default: 50))
        if let q = value("q") {
            guard q.count <= 200 else { throw APIError.badRequest("q is at most 200 characters.") }
            query.search = q
        }
        query.bpmMin = try number("bpm_min")
        query.bpmMax = try number("bpm_max")
        query.bpmHalfDouble = try boolean("bpm_half_double")
        // bpm_min above bpm_max is an empty range: it matches no sample (not an error).
        let scale = value("scale")
        if let scale, Scale(rawValue: scale.lowercased()) == nil {
            throw APIError.badRequest("scale must be major or minor, not '\(scale)'.")
        }
        if let key = value("key") {
            // `scale` names the mode of a bare tonic (key=A&scale=minor); a key that names its
            // own mode (Am, 8A) keeps it.
            guard let parsed = scale.flatMap({ MusicalKey(parsing: "\(key) \($0)") }) ?? MusicalKey(parsing: key) else {
                throw APIError.badRequest("key: '\(key)' is not a key (try \"A minor\", Am or 8A).")
            }
            query.key = parsed
        } else if let scale {
            // A scale alone: every key of it (scale=minor lists the minor-key samples).
            query.scale = Scale(rawValue: scale.lowercased())
        }
        if let compatible = value("compatible_with") {
            guard let parsed = MusicalKey(parsing: compatible) else {
                throw APIError.badRequest("compatible_with: '\(compatible)' is not a key (try \"A minor\", Am or 8A).")
            }
            query.compatibleWith = parsed
        }
        if let status = value("status") {
            guard let parsed = SampleStatus(rawValue: status) else {
                throw APIError.badRequest("status must be one of \(SampleStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(status)'.")
            }
            query.status = parsed
        }
        query.starred = try boolean("starred")
        if let sort = value("sort"), sort != "relevance" {
            guard let parsed = SampleSort(rawValue: sort) else {
                throw APIError.badRequest("sort must be relevance or one of \(SampleSort.allCases.map(\.rawValue).joined(separator: ", ")), not '\(sort)'.")
            }
            query.sort = parsed
        }
        query.reverse = try boolean("reverse")
        query.counted = try boolean("count")
        return query
    }

    /// The query string of `GET /api/v1/samples/{id}/similar` as a `SimilarityQuery`: `aspect`
    /// (`timbre`, `rhythm`, `tonality`, `all`; default `all`), `limit` (1–100, default 20) and the
    /// list's tempo and key filters (`bpm_min`, `bpm_max`, `bpm_half_double`, `key`, `scale`,
    /// `compatible_with`), read as the list reads them; 400 naming a bad parameter.
    static func similarityQuery(from request: Request) throws -> SimilarityQuery {
        let parameters = FormQuery(request.uri.query ?? "")
        func value(_ name: String) -> String? {
            guard let text = parameters[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        var aspect = SimilarityAspect.all
        if let text = value("aspect") {
            guard let parsed = SimilarityAspect(rawValue: text) else {
                throw APIError.badRequest("aspect must be one of \(SimilarityAspect.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'.")
            }
            aspect = parsed
        }
        var limit = 20
        if let text = value("limit") {
            guard let number = Int(text), (1...SimilarityQuery.maximumLimit).contains(number) else {
                throw APIError.badRequest("limit must be a whole number from 1 to \(SimilarityQuery.maximumLimit), not '\(text)'.")
            }
            limit = number
        }
        // The filters, read as the list reads them (its limit, 1–200, takes the 1–100 checked above).
        let filters = try query(from: parameters)
        return SimilarityQuery(aspect: aspect, limit: limit, filters: filters)
    }
}
