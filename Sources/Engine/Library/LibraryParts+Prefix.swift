import FluentKit
import FluentSQL
import Foundation
import Model
import SQLKit

extension LibraryParts {
    /// The id `text` names in the table of `type`: `text` itself when it is a full id (not looked
    /// up: the caller's lookup says whether it exists), else the one id that starts with it (at
    /// least 4 hex digits, as `git` takes commits): `notFound` otherwise, `<noun>.ambiguous` for
    /// a prefix of several. The one prefix lookup; only the edges (CLI, embedded client, the
    /// server's routes that take a prefix) call it, through the services' `id(matching:)`.
    func id<M: Model>(of type: M.Type, matching text: String, noun: String,
                      notFound: (String) -> SampleTokError) async throws -> UUID where M.IDValue == UUID {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: lowered) { return id }
        guard let id = try await row(type, matching: text, noun: noun, notFound: notFound).id else { throw notFound(text) }
        return id
    }

    /// The row of `type` whose id is `text` or the one id that starts with it (as `id(of:matching:)`).
    func row<M: Model>(_ type: M.Type, matching text: String, noun: String,
                       notFound: (String) -> SampleTokError) async throws -> M where M.IDValue == UUID {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: lowered) {
            guard let model = try await M.find(id, on: db) else { throw notFound(text) }
            return model
        }
        guard lowered.count >= 4, lowered.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw notFound(text) }
        let rows = try await database.sql.raw("SELECT * FROM \(ident: M.schema) WHERE lower(CAST(id AS TEXT)) LIKE \(bind: lowered + "%") LIMIT 2").all()
        guard let first = rows.first else { throw notFound(text) }
        guard rows.count == 1 else {
            throw SampleTokError(code: "\(noun).ambiguous", message: "More than one \(noun) id starts with '\(text)': give more of it.")
        }
        return try first.decode(fluentModel: M.self)
    }
}
