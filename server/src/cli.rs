//! The `gatehouse` command: serve, migrate, import, demo, accounts, subsystems.

mod subsystems;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

use app::accounts::Role;

use crate::{config::Config, database, demo, import, server, telemetry};

#[derive(Parser)]
#[command(name = "gatehouse", version, about = "Gatehouse: the account portal for Taiwan's agencies and schools")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application on LEPTOS_SITE_ADDR (default 127.0.0.1:3000). The default.
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Import directory files: the GDS OID list, MOE school lists, rename records.
    Import {
        /// CSV files, UTF-8 (with or without BOM); the format is told by the header row.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check and count, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Load the small demo directory (idempotent).
    Demo {
        /// Also add this many made-up organization admins' applications waiting for review, to
        /// look at the review queue at size.
        #[arg(long, default_value_t = 0)]
        applications: usize,
        /// Also add this many made-up organization admins (two per demo school at most), to
        /// look at their list at size.
        #[arg(long, default_value_t = 0)]
        admins: usize,
        /// Also add this many made-up messages the outbox gave up delivering, to look at
        /// their list at size.
        #[arg(long, default_value_t = 0)]
        failed_mail: usize,
    },
    /// Write brotli and gzip copies beside the built site's wasm, JS and CSS (run after the
    /// release build), which the server then sends as they are.
    Precompress {
        /// The site's package directory, e.g. target/site/pkg.
        dir: PathBuf,
    },
    /// Create a central-authority account and print a one-time link to set its password.
    CreateAdmin {
        /// The organization: its OID or school code (it must be in the directory).
        #[arg(long)]
        org: String,
        #[arg(long)]
        username: String,
        /// The holder's real name.
        #[arg(long)]
        name: String,
        /// The official email address; the link is also mailed there.
        #[arg(long)]
        email: String,
    },
    /// Create an organization admin (main account) or user (sub-account) with grants, and
    /// print a one-time link to set its password.
    CreateUser {
        /// The organization: its OID or school code (it must be in the directory).
        #[arg(long)]
        org: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// `org_admin` (main account) or `user` (sub-account); `central` as `create-admin` makes.
        #[arg(long, default_value = "user")]
        role: Role,
        /// A subsystem the account may use, by code (`assets`, `ismg`); repeatable.
        #[arg(long = "grant")]
        grants: Vec<String>,
    },
    /// Register and manage the subsystems that sign in through Gatehouse (OpenID Connect
    /// clients): add, list, rotate-secret, disable, enable.
    Subsystem {
        #[command(subcommand)]
        command: subsystems::SubsystemCommand,
    },
    /// Write a consistent copy of the SQLite database, the secret key and a manifest into a new
    /// folder, while servers run. (PostgreSQL: pg_dump, see the README.)
    Backup {
        /// A folder that does not exist yet, or is empty.
        dir: PathBuf,
    },
    /// Put a backup's database and secret key where DATABASE_URL and GATEHOUSE_SECRET_KEY_FILE
    /// say; refuses to overwrite either. Then start `gatehouse serve`.
    Restore {
        /// The backup's folder (with manifest.json).
        dir: PathBuf,
    },
    /// The provider's signing keys: rotate.
    Keys {
        #[command(subcommand)]
        command: subsystems::KeysCommand,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, None | Some(Command::Serve)) {
        crate::allocator::restart_with_tunables();
    }
    // Neither reads the settings whole: those would create a secret key file where none is,
    // which a backup would then copy as if it were the database's, and a restore must find none.
    match &cli.command {
        Some(Command::Backup { dir }) => return backup_command(dir, false),
        Some(Command::Restore { dir }) => return backup_command(dir, true),
        _ => {}
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_json);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => server::serve(config).await,
            Command::Migrate => {
                let ran = database::migrate(&config.database_url)?;
                println!("{ran} migrations applied");
                Ok(())
            }
            Command::Import { files, dry_run } => import_files(&config, &files, dry_run).await,
            Command::Precompress { dir } => {
                let done = crate::precompress::precompress(&dir)
                    .map_err(|e| crate::Error::Io(format!("{}: {e}", dir.display())))?;
                for f in done {
                    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
                    println!("{}: {} → brotli {}, gzip {}", f.path.display(), kb(f.raw), kb(f.brotli), kb(f.gzip));
                }
                Ok(())
            }
            Command::CreateAdmin { org, username, name, email } => {
                create_account(&config, org, username, name, email, Role::Central, Vec::new()).await
            }
            Command::CreateUser { org, username, name, email, role, grants } => {
                create_account(&config, org, username, name, email, role, grants).await
            }
            // Answered before the settings were read.
            Command::Backup { .. } | Command::Restore { .. } => Ok(()),
            Command::Subsystem { command } => subsystems::run(&config, command).await,
            Command::Keys { command } => subsystems::run_keys(&config, command).await,
            Command::Demo { applications, admins, failed_mail } => {
                let pool = database::open(&config.database_url, 2)?;
                for report in demo::load(&pool).await? {
                    print!("{report}");
                }
                if applications > 0 {
                    demo::applications(&pool, applications).await?;
                    println!("{applications} applications waiting for review added");
                }
                if admins > 0 {
                    demo::org_admins(&pool, admins).await?;
                    println!("organization admins added");
                }
                if failed_mail > 0 {
                    demo::failed_mail(&pool, failed_mail, config.auth.outbox_max_attempts).await?;
                    println!("{failed_mail} undelivered messages added");
                }
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `gatehouse backup DIR` (`restore` false) or `gatehouse restore DIR`.
fn backup_command(dir: &std::path::Path, restore: bool) -> ExitCode {
    let done = crate::config::database_url().map_err(|e| e.to_string()).and_then(|url| {
        let done = if restore { crate::backup::restore(&url, dir) } else { crate::backup::backup(&url, dir) };
        done.map_err(|e| e.to_string())
    });
    match done {
        Ok(manifest) => {
            let rows: i64 = manifest.tables.values().sum();
            let tables = manifest.tables.len();
            let migration = manifest.migration.as_deref().unwrap_or("none");
            if restore {
                println!("restored: {tables} tables, {rows} rows, migration {migration}; now start `gatehouse serve`");
            } else {
                let mb = manifest.database_bytes as f64 / 1_048_576.0;
                println!(
                    "backed up into {}: {tables} tables, {rows} rows, {mb:.1} MB, migration {migration}",
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn import_files(config: &Config, files: &[PathBuf], dry_run: bool) -> Result<(), crate::Error> {
    let pool = database::open(&config.database_url, 2)?;
    for path in files {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::Io(format!("{}: {e}", path.display())))?;
        let started = std::time::Instant::now();
        let report = import::import_bytes(&pool, &bytes, dry_run)
            .await
            .map_err(|source| crate::Error::ImportFile { path: path.display().to_string(), source })?;
        print!("{}: {report}", path.display());
        println!("  took {:.2?}", started.elapsed());
    }
    Ok(())
}

/// Creates the account with its grants in one transaction (`create_with_link`), audited.
async fn create_account(
    config: &Config,
    org: String,
    username: String,
    name: String,
    email: String,
    role: Role,
    grants: Vec<String>,
) -> Result<(), crate::Error> {
    use app::{db::users::NewUser, error::AppError, flows::accounts::admin::create_with_link};
    let pool = database::open(&config.database_url, 2)?;
    app::auth::at_rest::prepare(&pool, &config.auth.keys).await?;
    let services = server::app_state_with(pool, false, config.auth.clone()).services;
    let new = NewUser { username: username.clone(), display_name: name, email, role: Some(role), ..Default::default() };
    let link = create_with_link(&services, &org, new, grants).await.map_err(|e| match e {
        AppError::NotFound => crate::Error::Io(format!("no organization {org} in the directory (import it first)")),
        AppError::Invalid { field, message } if field == "grant" => {
            let code = message.args.iter().find(|(name, _)| name == "code").map(|(_, code)| code.as_str());
            crate::Error::Io(format!("no subsystem {} to grant: nothing was created", code.unwrap_or_default()))
        }
        AppError::Invalid { message, .. } => crate::Error::Io(message.render(app::i18n::Locale::En)),
        other => other.into(),
    })?;
    let hours = config.auth.set_password_link_seconds / 3600;
    println!("Created {} account {username}.", role.as_str());
    println!("Set its password within {hours} hours (the link works once):\n{link}");
    Ok(())
}
