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
        // libpq allows spaces around =, and escapes in a value.
        #expect(StoreLocation.redacted("password = s3cret host=db") == "password=*** host=db")
        #expect(StoreLocation.redacted("host=db password=a\\ b dbname=x") == "host=db password=*** dbname=x")
        #expect(StoreLocation.redacted("host = db  password='x y' ") == "host = db password=***")
    }

    /// A connection gives up in seconds and notices a vanished server, unless the store's own
    /// words say otherwise.
    @Test func connectionDefaultsGiveWayToTheUsersOwn() {
        let defaults = ["connect_timeout": "5", "keepalives_idle": "30"]
        #expect(StoreLocation.adding(defaults, to: "host=db dbname=x") == "connect_timeout=5 keepalives_idle=30 host=db dbname=x")
        #expect(StoreLocation.adding(defaults, to: "host=db connect_timeout = 20") == "keepalives_idle=30 host=db connect_timeout = 20")
        #expect(StoreLocation.adding(defaults, to: "postgres://db/x") == "postgres://db/x?connect_timeout=5&keepalives_idle=30")
        #expect(StoreLocation.adding(defaults, to: "postgres://db/x?sslmode=require&connect_timeout=9")
                == "postgres://db/x?sslmode=require&connect_timeout=9&keepalives_idle=30")
    }
}
