import Engine
import FluentKit
import Foundation
import Model
import Testing

@Suite("credits: the ledger, concurrent charges, refunds")
struct CreditLedgerTests {
    /// Runs `body` with a ledger in one transaction of `library`'s database.
    func inTransaction<T: Sendable>(_ library: Library, _ body: @escaping @Sendable (CreditLedger) async throws -> T) async throws -> T {
        try await library.database.db.transaction { db in try await body(try CreditLedger(on: db)) }
    }

    @Test("50 concurrent charges of 2 from a user with 20 credits: exactly 10 succeed, the balance ends at 0, the ledger sums to it", arguments: DatabaseEngine.tested)
    func concurrentCharges(engine: DatabaseEngine) async throws {
        let test = try await TestLibrary(engine: engine)
        let library = test.library
        let user = try await library.accounts.createUser(name: "ada", credits: 20).user
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do {
                        _ = try await self.inTransaction(library) { ledger in
                            try await ledger.charge(user: user.id, amount: 2, reason: .stemsCharge, reference: UUID())
                        }
                        return "ok"
                    } catch let error as SampleTokError {
                        return error.code
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 10)
        #expect(outcomes.filter { $0 == "credits.insufficient" }.count == 40)
        let account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 0)
        let all = try await inTransaction(library) { try await $0.entries(of: user.id, limit: 1000) }
        #expect(all.count == 11, "the opening entry and ten charges")
        #expect(all.reduce(0) { $0 + $1.delta } == account.balance)
        #expect(Set(all.map(\.balanceAfter)) == Set(stride(from: 0, through: 20, by: 2)), "every balance on the way down once")
    }

    @Test("a charge the balance does not cover names the cost and the balance and changes nothing", arguments: DatabaseEngine.tested)
    func insufficient(engine: DatabaseEngine) async throws {
        let test = try await TestLibrary(engine: engine)
        let user = try await test.library.accounts.createUser(name: "bob", credits: 3).user
        do {
            _ = try await inTransaction(test.library) { try await $0.charge(user: user.id, amount: 4, reason: .stemsCharge, reference: nil) }
            Issue.record("a charge over the balance succeeded")
        } catch let error as SampleTokError {
            #expect(error.code == "credits.insufficient")
            #expect(error.message.contains("costs 4 credits") && error.message.contains("balance is 3"))
        }
        let account = try await test.library.accounts.account(as: user.principal)
        #expect(account.balance == 3 && account.ledger.count == 1)
        do {
            _ = try await inTransaction(test.library) { try await $0.charge(user: UUID(), amount: 1, reason: .stemsCharge, reference: nil) }
            Issue.record("a charge of an unknown user succeeded")
        } catch let error as SampleTokError {
            #expect(error.code == "user.not_found")
        }
    }

    @Test("a charge rolled back with its transaction leaves no entry; a refund gives back what was charged", arguments: DatabaseEngine.tested)
    func rollbackAndRefund(engine: DatabaseEngine) async throws {
        let test = try await TestLibrary(engine: engine)
        let library = test.library
        let user = try await library.accounts.createUser(name: "cy", credits: 10).user
        let job = UUID()
        struct Abort: Error {}
        do {
            _ = try await inTransaction(library) { ledger in
                try await ledger.charge(user: user.id, amount: 6, reason: .stemsCharge, reference: job)
                throw Abort()
            }
        } catch is Abort {}
        #expect(try await library.accounts.account(as: user.principal).balance == 10)

        try await inTransaction(library) { ledger in
            try await ledger.charge(user: user.id, amount: 6, reason: .stemsCharge, reference: job)
        }
        let refunded = try await inTransaction(library) { ledger in
            let charged = try await ledger.total(reason: .stemsCharge, reference: job)
            return try await ledger.credit(user: user.id, amount: -charged, reason: .stemsRefund, reference: job)
        }
        #expect(refunded.delta == 6 && refunded.balanceAfter == 10)
        let account = try await library.accounts.account(as: user.principal)
        #expect(account.ledger.map(\.reason) == [.stemsRefund, .stemsCharge, .accountOpen])
        #expect(account.ledger.map(\.balanceAfter) == [10, 4, 10])
    }

    @Test("admin grants go through the ledger; a user made with no credits has no entry", arguments: DatabaseEngine.tested)
    func grants(engine: DatabaseEngine) async throws {
        let test = try await TestLibrary(engine: engine)
        let user = try await test.library.accounts.createUser(name: "dee").user
        #expect(try await test.library.accounts.account(as: user.principal).ledger.isEmpty)
        #expect(try await test.library.accounts.addCredits(name: "dee", amount: 9).credits == 9)
        let account = try await test.library.accounts.account(as: user.principal)
        #expect(account.balance == 9)
        #expect(account.ledger.map(\.reason) == [.adminGrant])
        #expect(account.ledger.map(\.delta) == [9])
    }
}
