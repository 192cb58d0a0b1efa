//! `gatehouse subsystem …` and `gatehouse keys rotate`: 子系統管理 for scripted installs. Each
//! runs the registry's flow in one unit of work, audited as done from the command line, and
//! checks a registration by the rules the admin page uses. A secret is printed once.

use clap::{Args, Subcommand, ValueEnum};

use app::{
    auth::RequestInfo,
    error::AppError,
    flows::{
        provider::registry,
        work::{Done, Services, Work},
    },
    i18n::Locale,
    provider::{ClientKind, IdTokenAlg, ProfileField, Registration},
    time::taipei_datetime,
};

use crate::{config::Config, database, server};

#[derive(Subcommand)]
pub enum SubsystemCommand {
    /// Register a subsystem, or change the one with its code. A confidential one's first
    /// secret is printed once.
    Add(Box<AddArgs>),
    /// List the registered subsystems, tab-separated, under a header line.
    List,
    /// Make a new secret for a confidential subsystem and print it once; the old one keeps
    /// working for 7 days.
    RotateSecret {
        /// The subsystem's code (its client_id).
        code: String,
    },
    /// Turn a subsystem off: no one signs in to it, its tokens are refused.
    Disable { code: String },
    /// Turn a subsystem back on.
    Enable { code: String },
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Rotate the provider's signing keys now (they also rotate monthly by themselves).
    Rotate,
}

/// How a subsystem proves itself at the token endpoint.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// A server-side website holding a secret.
    Confidential,
    /// A single-page app: PKCE alone, no secret.
    Public,
}

#[derive(Args)]
pub struct AddArgs {
    /// Its code, also its OpenID Connect client_id: 2 to 32 lowercase letters, digits, - or _.
    #[arg(long)]
    code: String,
    /// Its name in Traditional Chinese, as people see it.
    #[arg(long)]
    name_zh: String,
    /// Its name in English.
    #[arg(long)]
    name_en: String,
    /// A sentence about it in Traditional Chinese.
    #[arg(long, default_value = "", hide_default_value = true)]
    description_zh: String,
    /// A sentence about it in English.
    #[arg(long, default_value = "", hide_default_value = true)]
    description_en: String,
    #[arg(long, value_enum)]
    kind: Kind,
    /// What the portal's tile opens.
    #[arg(long, value_name = "URL")]
    home_url: String,
    /// Where it may be sent back after sign-in; repeatable.
    #[arg(long = "redirect-uri", value_name = "URL", required = true)]
    redirect_uris: Vec<String>,
    /// Where it may be sent back after sign-out; repeatable.
    #[arg(long = "post-logout-uri", value_name = "URL")]
    post_logout_uris: Vec<String>,
    /// Where Gatehouse tells it that someone signed out (back-channel logout).
    #[arg(long, value_name = "URL", default_value = "", hide_default_value = true)]
    backchannel_logout_uri: String,
    /// Its privacy policy, linked from the consent page.
    #[arg(long, value_name = "URL", default_value = "", hide_default_value = true)]
    privacy_url: String,
    /// Its terms of use, linked from the consent page.
    #[arg(long, value_name = "URL", default_value = "", hide_default_value = true)]
    terms_url: String,
    /// The profile fields it may receive, space-separated: username name email phone
    /// organization unit title main_account functions.
    #[arg(long, default_value = "username name email organization")]
    fields: String,
    /// A function of its catalogue (功能選單項目) that main accounts grant one by one, as
    /// "code | 中文名稱 | English name"; repeatable, in the order they are listed.
    #[arg(long = "function", value_name = "ENTRY")]
    functions: Vec<String>,
    /// How its ID tokens are signed; it must match the subsystem's
    /// id_token_signed_response_alg.
    #[arg(long, value_enum, default_value = "rs256")]
    id_token_alg: Alg,
}

/// An ID token signing algorithm.
#[derive(Clone, Copy, ValueEnum)]
pub enum Alg {
    /// RS256: every OpenID Connect library takes it.
    Rs256,
    /// ES256: shorter tokens, for a library that takes it.
    Es256,
}

/// The command-line flag of a registration's field, to name it in a refusal.
fn flag(field: &str) -> String {
    match field {
        "redirect_uris" => "--redirect-uri".into(),
        "post_logout_redirect_uris" => "--post-logout-uri".into(),
        "functions" => "--function".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

/// A refusal of `add` said in English: the flag and the message for a field, else the error.
fn refused_add(e: AppError) -> crate::Error {
    match e {
        AppError::Invalid { field, message } => {
            crate::Error::Io(format!("{}: {} Nothing was saved.", flag(&field), message.render(Locale::En)))
        }
        other => other.into(),
    }
}

/// A refusal of what was asked of the subsystem `code`, said in English.
fn refused(e: AppError, code: &str) -> crate::Error {
    match e {
        AppError::Invalid { message, .. } => crate::Error::Io(format!("{code}: {}", message.render(Locale::En))),
        AppError::NotFound => crate::Error::Io(format!("no subsystem {code}")),
        other => other.into(),
    }
}

/// The services over the configured database, to run a flow in a unit of work.
async fn services(config: &Config) -> Result<Services, crate::Error> {
    let pool = database::open(&config.database_url, 2)?;
    app::auth::at_rest::prepare(&pool, &config.auth.keys).await?;
    Ok(server::app_state_with(pool, false, config.auth.clone()).services)
}

/// Runs `f` in one unit of work, as the command line (no account, no request).
async fn unit<T: Send + 'static>(
    services: &Services,
    f: impl FnOnce(&mut Work) -> Done<T> + Send + 'static,
) -> Result<T, AppError> {
    services.write(&RequestInfo::default(), f).await
}

fn print_secret(secret: &str) {
    println!("Its client secret follows. It will not be shown again: keep it now.");
    println!("{secret}");
}

pub async fn run(config: &Config, command: SubsystemCommand) -> Result<(), crate::Error> {
    let services = services(config).await?;
    match command {
        SubsystemCommand::Add(args) => add(&services, *args).await,
        SubsystemCommand::List => list(&services).await,
        SubsystemCommand::RotateSecret { code } => {
            let c = code.clone();
            let secret = unit(&services, move |work| registry::rotate_secret(work, None, &c))
                .await
                .map_err(|e| refused(e, &code))?;
            println!("New secret for subsystem {code}; the old one keeps working for 7 days.");
            print_secret(&secret);
            Ok(())
        }
        SubsystemCommand::Disable { code } => switch(&services, code, false).await,
        SubsystemCommand::Enable { code } => switch(&services, code, true).await,
    }
}

pub async fn run_keys(config: &Config, command: KeysCommand) -> Result<(), crate::Error> {
    let services = services(config).await?;
    match command {
        KeysCommand::Rotate => {
            unit(&services, |work| registry::rotate_keys(work, None)).await?;
            println!("Signing keys rotated.");
            Ok(())
        }
    }
}

async fn add(services: &Services, args: AddArgs) -> Result<(), crate::Error> {
    if let Some(unknown) = args.fields.split_whitespace().find(|f| ProfileField::of(f).is_none()) {
        let known: Vec<&str> = ProfileField::ALL.iter().map(|f| f.code()).collect();
        let known = known.join(" ");
        return Err(crate::Error::Io(format!(
            "--fields: no profile field {unknown} (known: {known}). Nothing was saved."
        )));
    }
    let registration = Registration {
        code: args.code.clone(),
        name_zh: args.name_zh,
        name_en: args.name_en,
        description_zh: args.description_zh,
        description_en: args.description_en,
        kind: match args.kind {
            Kind::Confidential => ClientKind::Confidential,
            Kind::Public => ClientKind::Public,
        },
        home_url: args.home_url,
        redirect_uris: args.redirect_uris.join("\n"),
        post_logout_redirect_uris: args.post_logout_uris.join("\n"),
        backchannel_logout_uri: args.backchannel_logout_uri,
        privacy_url: args.privacy_url,
        terms_url: args.terms_url,
        fields: args.fields,
        functions: args.functions.join("\n"),
        id_token_alg: match args.id_token_alg {
            Alg::Rs256 => IdTokenAlg::Rs256,
            Alg::Es256 => IdTokenAlg::Es256,
        },
    };
    let code = args.code;
    let c = code.clone();
    let (existed, secret, secretless) = unit(services, move |work| {
        let existed = app::db::clients::find(work.conn, &c)?.is_some();
        let secret = registry::save(work, None, registration)?;
        // A confidential one changed, never given a secret (管考系統 comes registered without).
        let secretless = registry::list(work)?.iter().any(|s| {
            s.registration.code == c && s.registration.kind == ClientKind::Confidential && s.secret_made_at.is_none()
        });
        Ok((existed, secret, secretless))
    })
    .await
    .map_err(refused_add)?;
    println!("{} subsystem {code}.", if existed { "Changed" } else { "Registered" });
    if let Some(secret) = secret {
        print_secret(&secret);
    } else if secretless {
        println!("It has no secret yet: make one with `gatehouse subsystem rotate-secret {code}`.");
    }
    Ok(())
}

async fn list(services: &Services) -> Result<(), crate::Error> {
    let listed = unit(services, registry::list).await?;
    let when = |at: Option<i64>| at.map(taipei_datetime).unwrap_or_else(|| "-".into());
    println!(
        "code\tkind\tstate\tname_zh\tname_en\tredirect_uris\tsecret_made\told_secret_until\tid_token_alg\tfunctions"
    );
    for s in listed {
        let r = s.registration;
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.code,
            r.kind.as_str(),
            if s.active { "active" } else { "disabled" },
            r.name_zh,
            r.name_en,
            app::provider::address_list(&r.redirect_uris).join(" "),
            when(s.secret_made_at),
            when(s.old_secret_until),
            r.id_token_alg.as_str(),
            app::provider::parse_catalogue(&r.functions).iter().map(|f| f.code.as_str()).collect::<Vec<_>>().join(" "),
        );
    }
    Ok(())
}

async fn switch(services: &Services, code: String, active: bool) -> Result<(), crate::Error> {
    let c = code.clone();
    unit(services, move |work| registry::set_active(work, None, &c, active)).await.map_err(|e| refused(e, &code))?;
    println!("Subsystem {code} {}.", if active { "enabled" } else { "disabled" });
    Ok(())
}
