import Engine
import Foundation
import Hummingbird
import Model

/// The answer of `POST /api/v1/admin/reset-user-collections`.
struct CollectionsReset: Codable, Sendable {
    /// Collections reset.
    var collections: Int
    /// Credits given back.
    var refunded: Int
}

/// The body of `POST /api/v1/admin/reset-user-collections`.
struct ResetUserCollectionsRequest: Decodable {
    var name: String
}

extension APIServer {
    /// Collections (user): `GET collections` (mine, newest first, without items), `POST
    /// collections {urls: […]} | {tiktok_user, limit?}` → 202 the collection (charged up front;
    /// 402 when short), `GET collections/{id}` (owner or admin: progress and items),
    /// `POST collections/{id}/reset` (owner or admin: unfinished items cancelled and refunded).
    func addCollectionRoutes(to api: RouterGroup<APIContext>) {
        api.get("collections") { request, _ -> Response in
            let user = try await auth.user(request)
            let list = try await library.collections.list(as: user.principal)
            return try JSONResponse.make(ResultPage(items: list, total: list.count, page: 1, limit: max(1, list.count)))
        }

        api.post("collections") { request, context -> Response in
            let user = try await auth.user(request)
            try submitLimiter.take(context.rateKeys(user: user.id))
            let wanted = try await body.decode(CollectionRequest.self, from: request)
            if let urls = wanted.urls, urls.contains(where: { !Self.isWebURL($0) }) {
                throw SampleTokError.linkUnsupported("Give http(s) URLs: this server does not take file paths or other links.")
            }
            return try JSONResponse.make(try await library.collections.create(wanted, as: user.principal), status: .accepted)
        }

        api.get("collections/:id") { request, context -> Response in
            let user = try await auth.user(request)
            return try JSONResponse.make(try await library.collections.collection(try await library.collections.id(matching: try context.parameters.require("id"), as: user.principal), as: user.principal))
        }

        api.post("collections/:id/reset") { request, context -> Response in
            let user = try await auth.user(request)
            return try JSONResponse.make(try await library.collections.reset(try await library.collections.id(matching: try context.parameters.require("id"), as: user.principal), as: user.principal))
        }
    }

    /// The admin routes of collections (`X-Admin-Key`): `POST reset-user-collections {name}` and
    /// `POST reset-collection/{id}`.
    func addCollectionAdminRoutes(to admin: RouterGroup<APIContext>) {
        admin.post("reset-user-collections") { request, _ -> Response in
            try adminKey.check(request)
            let wanted = try await body.decode(ResetUserCollectionsRequest.self, from: request)
            let (collections, refunded) = try await library.collections.resetAll(ofUserNamed: wanted.name)
            return try JSONResponse.make(CollectionsReset(collections: collections, refunded: refunded))
        }

        admin.post("reset-collection/:id") { request, context -> Response in
            try adminKey.check(request)
            return try JSONResponse.make(try await library.collections.reset(try await library.collections.id(matching: try context.parameters.require("id"), as: nil)))
        }
    }

    /// Whether `text` is an http(s) URL (what a server takes).
    static func isWebURL(_ text: String) -> Bool {
        let scheme = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        return scheme == "http" || scheme == "https"
    }
}
