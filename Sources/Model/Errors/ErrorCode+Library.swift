extension ErrorCode {
    // The codes of the library: samples, stems, collections, accounts, storage, jobs, Instagram.

    /// `collection.ambiguous`: An id prefix names more than one collection.
    public static let collectionAmbiguous = ErrorCode("collection.ambiguous", status: 409)
    /// `collection.finished`: The collection has no item left to act on.
    public static let collectionFinished = ErrorCode("collection.finished", status: 409)
    /// `collection.not_found`: No collection has that id (or it is another user's).
    public static let collectionNotFound = ErrorCode("collection.not_found", status: 404)
    /// `collection.reset`: A collection item was cancelled by a reset.
    public static let collectionReset = ErrorCode("collection.reset", status: 500, retryable: true)
    /// `crate.ambiguous`: A crate id prefix names more than one of the user's crates.
    public static let crateAmbiguous = ErrorCode("crate.ambiguous", status: 409)
    /// `crate.item_not_found`: The sample is not in that crate.
    public static let crateItemNotFound = ErrorCode("crate.item_not_found", status: 404)
    /// `crate.name_invalid`: A crate name is empty, too long or holds control characters.
    public static let crateNameInvalid = ErrorCode("crate.name_invalid", status: 422)
    /// `crate.name_taken`: The user already has a crate of that name.
    public static let crateNameTaken = ErrorCode("crate.name_taken", status: 409)
    /// `crate.not_found`: No crate of the user's has that name or id (another user's are not seen).
    public static let crateNotFound = ErrorCode("crate.not_found", status: 404)
    /// `credits.insufficient`: The account has fewer credits than the action costs.
    public static let creditsInsufficient = ErrorCode("credits.insufficient", status: 402, retryable: true)
    /// `database.unreachable`: The database (PostgreSQL) cannot be reached or refused us.
    public static let databaseUnreachable = ErrorCode("database.unreachable", status: 500, retryable: true)
    /// `export.region`: An export's region is empty, past the end, or cannot snap to beats.
    public static let exportRegion = ErrorCode("export.region", status: 422)
    /// `instagram.bad_response`: The Graph API's answer is not usable.
    public static let instagramBadResponse = ErrorCode("instagram.bad_response", status: 500)
    /// `instagram.no_audio`: An Instagram post has no audio to sample.
    public static let instagramNoAudio = ErrorCode("instagram.no_audio", status: 500)
    /// `instagram.rate_limited`: The Graph API's rate limit was reached (retried later than usual).
    public static let instagramRateLimited = ErrorCode("instagram.rate_limited", status: 500, retryable: true)
    /// `instagram.refused`: The Graph API refused the call.
    public static let instagramRefused = ErrorCode("instagram.refused", status: 500)
    /// `instagram.reply_unconfirmed`: The server stopped between a reply's POST and its record;
    /// the reply is not posted again (a completed engagement's note, not a failure).
    public static let instagramReplyUnconfirmed = ErrorCode("instagram.reply_unconfirmed", status: 500)
    /// `instagram.sample_failed`: The sample a mention asked for failed.
    public static let instagramSampleFailed = ErrorCode("instagram.sample_failed", status: 500)
    /// `instagram.token_expired`: The Graph API refused the access token.
    public static let instagramTokenExpired = ErrorCode("instagram.token_expired", status: 500)
    /// `instagram.unavailable`: The Graph API had a passing failure.
    public static let instagramUnavailable = ErrorCode("instagram.unavailable", status: 500, retryable: true)
    /// `instagram.unconfigured`: Instagram replies are not configured on this server.
    public static let instagramUnconfigured = ErrorCode("instagram.unconfigured", status: 503)
    /// `job.failed`: A job step threw something that is not a SampleTok error.
    public static let jobFailed = ErrorCode("job.failed", status: 500, retryable: true)
    /// `job.internal`: A job's own state is inconsistent.
    public static let jobInternal = ErrorCode("job.internal", status: 500, retryable: true)
    /// `job.lease_lost`: Another worker took over the job's lease.
    public static let jobLeaseLost = ErrorCode("job.lease_lost", status: 500, retryable: true)
    /// `library.busy`: Another process held the SQLite library longer than `SAMPLETOK_BUSY_TIMEOUT`
    /// (a 503 with `Retry-After`; a job step is tried again).
    public static let libraryBusy = ErrorCode("library.busy", status: 503, retryable: true)
    /// `library.failed`: The library could not be opened.
    public static let libraryFailed = ErrorCode("library.failed", status: 500, retryable: true)
    /// `library.internal`: A library row is inconsistent.
    public static let libraryInternal = ErrorCode("library.internal", status: 500, retryable: true)
    /// `library.migration_timeout`: Another process held the library's migration lock too long.
    public static let libraryMigrationTimeout = ErrorCode("library.migration_timeout", status: 500, retryable: true)
    /// `library.schema_newer`: A newer SampleTok migrated the library.
    public static let librarySchemaNewer = ErrorCode("library.schema_newer", status: 500, retryable: true)
    /// `library.unwritable`: The library folder cannot be written.
    public static let libraryUnwritable = ErrorCode("library.unwritable", status: 500, retryable: true)
    /// `move.bad_row`: A row being moved holds a value its column cannot (not a UUID).
    public static let moveBadRow = ErrorCode("move.bad_row", status: 500)
    /// `move.blob_missing`: A file being moved vanished during the move.
    public static let moveBlobMissing = ErrorCode("move.blob_missing", status: 500)
    /// `move.checksum_mismatch`: A blob where a move put it does not match the one it came from (size or checksum).
    public static let moveChecksumMismatch = ErrorCode("move.checksum_mismatch", status: 500)
    /// `move.needs_bucket`: The PostgreSQL end of a move names no bucket (its files must be in one).
    public static let moveNeedsBucket = ErrorCode("move.needs_bucket", status: 400)
    /// `move.no_library`: No local library where a move looks for one.
    public static let moveNoLibrary = ErrorCode("move.no_library", status: 400)
    /// `move.rows_missing`: Rows of the source are not in the target after a move (a unique clash under `--merge`).
    public static let moveRowsMissing = ErrorCode("move.rows_missing", status: 409)
    /// `move.schema`: The target's or the library's tables cannot be copied (a table missing, a cycle of foreign keys).
    public static let moveSchema = ErrorCode("move.schema", status: 500)
    /// `move.target_not_empty`: The target holds rows or blobs the source does not (add `--merge`).
    public static let moveTargetNotEmpty = ErrorCode("move.target_not_empty", status: 409)
    /// `sample.ambiguous`: An id prefix names more than one sample.
    public static let sampleAmbiguous = ErrorCode("sample.ambiguous", status: 409)
    /// `sample.busy`: The sample is being processed.
    public static let sampleBusy = ErrorCode("sample.busy", status: 409)
    /// `sample.failed`: The sample's processing failed.
    public static let sampleFailed = ErrorCode("sample.failed", status: 500)
    /// `sample.forbidden`: The sample is another user's.
    public static let sampleForbidden = ErrorCode("sample.forbidden", status: 403)
    /// `sample.no_descriptor`: The sample has no sound descriptor to compare (not completed, or
    /// analysed before descriptors: `sampletok backfill-features` makes them).
    public static let sampleNoDescriptor = ErrorCode("sample.no_descriptor", status: 409)
    /// `sample.not_failed`: Only a failed sample can be retried.
    public static let sampleNotFailed = ErrorCode("sample.not_failed", status: 409)
    /// `sample.not_found`: No sample has that id.
    public static let sampleNotFound = ErrorCode("sample.not_found", status: 404)
    /// `sample.not_ready`: The sample has not finished processing.
    public static let sampleNotReady = ErrorCode("sample.not_ready", status: 409)
    /// `stem.not_found`: No stem has that id.
    public static let stemNotFound = ErrorCode("stem.not_found", status: 404)
    /// `stem.not_ready`: The stem has not finished.
    public static let stemNotReady = ErrorCode("stem.not_ready", status: 409)
    /// `stem_job.not_found`: No stem job has that id (or it is another user's).
    public static let stemJobNotFound = ErrorCode("stem_job.not_found", status: 404)
    /// `stems.already_requested`: Those stems were already asked for.
    public static let stemsAlreadyRequested = ErrorCode("stems.already_requested", status: 409)
    /// `stems.file_too_large`: The file is too large for the stem provider.
    public static let stemsFileTooLarge = ErrorCode("stems.file_too_large", status: 422)
    /// `stems.none`: No stem was asked for.
    public static let stemsNone = ErrorCode("stems.none", status: 422)
    /// `stems.provider_auth`: The stem provider refused our key.
    public static let stemsProviderAuth = ErrorCode("stems.provider_auth", status: 422)
    /// `stems.provider_failed`: The stem provider failed.
    public static let stemsProviderFailed = ErrorCode("stems.provider_failed", status: 422, retryable: true)
    /// `stems.provider_quota`: The stem provider's quota is used up.
    public static let stemsProviderQuota = ErrorCode("stems.provider_quota", status: 422)
    /// `stems.provider_unconfigured`: The stem provider needs a key this server lacks.
    public static let stemsProviderUnconfigured = ErrorCode("stems.provider_unconfigured", status: 503)
    /// `stems.provider_unknown`: No stem provider has that name.
    public static let stemsProviderUnknown = ErrorCode("stems.provider_unknown", status: 422)
    /// `stems.provider_refused`: The stem provider refused the request or the audio (a 4xx such as
    /// a 422, a task ended with `error` or `cancelled`): another try would be refused again.
    public static let stemsProviderRefused = ErrorCode("stems.provider_refused", status: 422)
    /// `stems.timeout`: The stem provider did not finish in time. Not tried again: its tasks were
    /// cancelled after the whole wait, and another try would upload the sample again, spend the
    /// provider's minutes again and wait as long again; the job fails and is refunded.
    public static let stemsTimeout = ErrorCode("stems.timeout", status: 422)
    /// `stems.too_many`: More stems than one request takes.
    public static let stemsTooMany = ErrorCode("stems.too_many", status: 422)
    /// `stems.unknown_type`: A stem type SampleTok does not know.
    public static let stemsUnknownType = ErrorCode("stems.unknown_type", status: 422)
    /// `stems.unsupported`: A stem type the provider does not make.
    public static let stemsUnsupported = ErrorCode("stems.unsupported", status: 422)
    /// `storage.cancelled`: A transfer to or from the bucket was cancelled.
    public static let storageCancelled = ErrorCode("storage.cancelled", status: 500)
    /// `storage.denied`: The bucket refused the keys, the signature, the clock or the permissions.
    public static let storageDenied = ErrorCode("storage.denied", status: 503)
    /// `storage.failed`: The bucket refused a request for another reason.
    public static let storageFailed = ErrorCode("storage.failed", status: 502, retryable: true)
    /// `storage.invalid_key`: A blob key that would leave the store.
    public static let storageInvalidKey = ErrorCode("storage.invalid_key", status: 400, retryable: true)
    /// `storage.invalid_range`: A range outside the stored object.
    public static let storageInvalidRange = ErrorCode("storage.invalid_range", status: 416)
    /// `storage.missing`: A file the library records is missing from storage.
    public static let storageMissing = ErrorCode("storage.missing", status: 400, retryable: true)
    /// `storage.no_bucket`: The configured bucket does not exist.
    public static let storageNoBucket = ErrorCode("storage.no_bucket", status: 503)
    /// `storage.not_found`: No object under a key the library names.
    public static let storageNotFound = ErrorCode("storage.not_found", status: 404)
    /// `storage.unreadable`: A stored file cannot be read.
    public static let storageUnreadable = ErrorCode("storage.unreadable", status: 400, retryable: true)
    /// `storage.unreachable`: The bucket cannot be reached, fails (5xx) or asks to slow down.
    public static let storageUnreachable = ErrorCode("storage.unreachable", status: 503, retryable: true)
    /// `user.exists`: A user with that name exists.
    public static let userExists = ErrorCode("user.exists", status: 409, retryable: true)
    /// `user.not_found`: No user has that name or id.
    public static let userNotFound = ErrorCode("user.not_found", status: 404, retryable: true)

    /// Every code above.
    static let libraryCodes: [ErrorCode] = [
        .collectionAmbiguous, .collectionFinished, .collectionNotFound, .collectionReset, .crateAmbiguous,
        .crateItemNotFound, .crateNameInvalid, .crateNameTaken, .crateNotFound, .creditsInsufficient,
        .databaseUnreachable, .exportRegion, .instagramBadResponse, .instagramNoAudio, .instagramRateLimited, .instagramRefused,
        .instagramReplyUnconfirmed, .instagramSampleFailed, .instagramTokenExpired, .instagramUnavailable, .instagramUnconfigured, .jobFailed,
        .jobInternal, .jobLeaseLost, .libraryBusy, .libraryFailed, .libraryInternal, .libraryMigrationTimeout, .librarySchemaNewer,
        .libraryUnwritable, .moveBadRow, .moveBlobMissing, .moveChecksumMismatch, .moveNeedsBucket, .moveNoLibrary, .moveRowsMissing,
        .moveSchema, .moveTargetNotEmpty, .sampleAmbiguous, .sampleBusy, .sampleFailed, .sampleForbidden, .sampleNoDescriptor, .sampleNotFailed,
        .sampleNotFound, .sampleNotReady, .stemNotFound, .stemNotReady, .stemJobNotFound, .stemsAlreadyRequested,
        .stemsFileTooLarge, .stemsNone, .stemsProviderAuth, .stemsProviderFailed, .stemsProviderQuota,
        .stemsProviderRefused, .stemsProviderUnconfigured, .stemsProviderUnknown, .stemsTimeout, .stemsTooMany, .stemsUnknownType,
        .stemsUnsupported, .storageCancelled, .storageDenied, .storageFailed, .storageInvalidKey, .storageInvalidRange,
        .storageMissing, .storageNoBucket, .storageNotFound, .storageUnreachable, .storageUnreadable, .userExists, .userNotFound,
    ]
}
