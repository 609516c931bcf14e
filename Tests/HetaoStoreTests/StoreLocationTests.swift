import Testing
@testable import HetaoStore

/// What `--store` names: a file stays a file; a PostgreSQL URL or conninfo is a database, and its
/// password never reaches a message.
@Suite struct StoreLocationTests {
    @Test func aPathIsAFileAndAURLOrConninfoIsPostgreSQL() {
        for path in ["status.sqlite", "/var/lib/hetao/status.sqlite", "~/a=b.sqlite", "./x", "weird name=with equals"] {
            #expect(StoreLocation.postgres(path) == nil, "\(path)")
        }
        for conninfo in ["postgres://hetao@db:5432/hetao?sslmode=require", "postgresql:///hetao", "host=db dbname=hetao",
                         " dbname=hetao user=serve"] {
            #expect(StoreLocation.postgres(conninfo) != nil, "\(conninfo)")
        }
    }

    @Test func aPasswordIsNeverShown() {
        #expect(StoreLocation.redacted("postgres://serve:s3cret@db:5432/hetao") == "postgres://serve:***@db:5432/hetao")
        #expect(StoreLocation.redacted("postgres://db/hetao?user=serve&password=s3cret&sslmode=require")
                == "postgres://db/hetao?user=serve&password=***&sslmode=require")
        #expect(StoreLocation.redacted("host=db password=s3cret dbname=hetao") == "host=db password=*** dbname=hetao")
        #expect(StoreLocation.redacted("host=db password='s3 cr\\'et' dbname=hetao") == "host=db password=*** dbname=hetao")
        #expect(StoreLocation.redacted("host=db dbname=hetao") == "host=db dbname=hetao")
        #expect(StoreLocation.redacted("postgres://serve@db/hetao") == "postgres://serve@db/hetao")
    }
}
