//! Sessions: the cookie, the row behind it, timeouts, rotation.

use sha2::{Digest, Sha256};

use super::work::{Services, Stop, Work};
use crate::auth::{
    hex, random_bytes,
    request::{PLAIN_COOKIE, SECURE_COOKIE},
    AuthSettings, RequestInfo,
};
use crate::{
    accounts::{EmergencyReset, FactorKind, SessionStage, SignInNext, Viewer, ViewerStage},
    db::{
        factors, now, portal,
        sessions::{self, SessionRow},
        terms,
        users::{self, User},
        AnyConnection,
    },
    error::AppError,
    provider::{amr_after_first, amr_after_second, FirstFactor, SecondFactor},
};

/// Writes to `last_seen_at` at most this often, to spare the database a write per request.
const TOUCH_EVERY: i64 = 60;

/// How long a proof of a second factor counts as fresh for a credential change (rebinding,
/// later adding or removing a factor, changing the email or mobile): SPEC §3's 登入設定 asks
/// for a new verification before them.
pub const STEP_UP_SECONDS: i64 = 5 * 60;

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn cookie(settings: &AuthSettings, value: &str, max_age: i64) -> String {
    named_cookie(settings, (SECURE_COOKIE, PLAIN_COOKIE), value, max_age)
}

/// A cookie of ours: the first name under https (a `__Host-` one), the second otherwise.
pub(crate) fn named_cookie(settings: &AuthSettings, names: (&str, &str), value: &str, max_age: i64) -> String {
    let (name, secure) = if settings.secure_cookies() { (names.0, "; Secure") } else { (names.1, "") };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// A signed-in (or half signed-in) request.
#[derive(Clone, Debug)]
pub struct Current {
    pub session: SessionRow,
    pub user: User,
    /// The version of the terms of use in force that this fully signed-in account has not
    /// agreed to: until it does, only the agreement, its settings and sign-out answer it.
    pub terms_pending: Option<i64>,
}

impl Current {
    pub fn is_full(&self) -> bool {
        self.session.stage == SessionStage::Full
    }

    /// Whether this half-finished sign-in may reset the account's bindings (重設登入綁定), with
    /// the account's factors as `bound`.
    pub fn emergency_reset(&self, bound: &[factors::Factor]) -> EmergencyReset {
        EmergencyReset::of(
            self.session.stage == SessionStage::Password,
            self.user.password_sign_in,
            bound.iter().any(|f| f.kind == FactorKind::Totp),
        )
    }

    /// A second factor was proved on this session within `STEP_UP_SECONDS`.
    pub fn freshly_verified(&self, now: i64) -> bool {
        self.is_full() && self.session.verified_at.is_some_and(|at| at <= now && now - at < STEP_UP_SECONDS)
    }
}

/// Starts a session for `user_id` whose first step just passed (a second factor is due): its
/// password (`SessionStage::Password`) or a linked account at an outside provider
/// (`SessionStage::External`). A new id, ending the request's old one (`sessions::replace`).
pub fn start(work: &mut Work, user_id: i64, stage: SessionStage) -> Result<(), AppError> {
    let first = match stage {
        SessionStage::External => FirstFactor::Federated,
        SessionStage::Password | SessionStage::Full => FirstFactor::Password,
    };
    open(work, user_id, (stage, None), amr_after_first(first))
}

/// Starts a full session for `user_id`, freshly verified: a passkey proved both factors at
/// once (password-free sign-in). The request's old session ends.
pub fn start_verified(work: &mut Work, user_id: i64) -> Result<(), AppError> {
    open(work, user_id, (SessionStage::Full, Some(now())), amr_after_first(FirstFactor::Passkey))
}

fn open(
    work: &mut Work,
    user_id: i64,
    (stage, verified_at): (SessionStage, Option<i64>),
    amr: &str,
) -> Result<(), AppError> {
    // A new id always; the subsystems' id (`sid`) stays when the same account signs in again.
    let kept_sid = match &work.info.session_token {
        Some(old) => sessions::replace(work.conn, &token_hash(old), user_id)?,
        None => None,
    };
    let token = hex(&random_bytes::<32>());
    let now = now();
    let max = work.settings.session_max_seconds;
    sessions::insert(
        work.conn,
        &SessionRow {
            id_hash: token_hash(&token),
            user_id,
            stage,
            pending_secret: None,
            ip: work.info.ip.clone(),
            user_agent: work.info.user_agent.clone(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + max,
            verified_at,
            sid: kept_sid.unwrap_or_else(|| hex(&random_bytes::<16>())),
            amr: amr.to_string(),
            signed_in_at: verified_at,
        },
    )?;
    let set = cookie(work.settings, &token, max);
    work.set_cookie(set);
    Ok(())
}

/// A second factor was proved on the current session (the sign-in's second step, a binding, a
/// step-up): it is fully signed in under a new id, freshly verified from now. A sign-in that
/// finishes here records `proved` in how its person signed in.
pub fn verified(work: &mut Work, current: &Current, proved: SecondFactor) -> Result<(), AppError> {
    let token = hex(&random_bytes::<32>());
    let signed_in = (!current.is_full()).then(|| amr_after_second(&current.session.amr, proved));
    let ids = (current.session.id_hash.as_str(), token_hash(&token));
    if !sessions::verified(work.conn, (ids.0, &ids.1), signed_in.as_deref(), now())? {
        return Err(AppError::Unauthorized);
    }
    let remaining = (current.session.expires_at - now()).max(0);
    let set = cookie(work.settings, &token, remaining);
    work.set_cookie(set);
    Ok(())
}

/// The session cookie emptied: the browser forgets it.
pub fn clear_cookie(work: &mut Work) {
    let set = cookie(work.settings, "", 0);
    work.set_cookie(set);
}

/// The session of this request, if it is alive and its account may sign in (active, its
/// organization not disabled). A dead session is deleted and its cookie cleared.
pub fn current(work: &mut Work) -> Result<Option<Current>, AppError> {
    let Some(token) = &work.info.session_token else {
        return Ok(None);
    };
    let hash = token_hash(token);
    let Some(session) = sessions::find(work.conn, &hash)? else {
        clear_cookie(work);
        return Ok(None);
    };
    let now = now();
    let (user, may_sign_in) = users::find_signing_in(work.conn, session.user_id)?;
    let settings = work.settings;
    if session.expires_at <= now || session.last_seen_at + settings.session_idle_seconds <= now || !may_sign_in {
        sessions::delete(work.conn, &hash)?;
        clear_cookie(work);
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        sessions::touch(work.conn, &hash, now)?;
    }
    let terms_pending = match session.stage {
        SessionStage::Full => terms::pending_for(work.conn, user.id)?,
        _ => None,
    };
    Ok(Some(Current { session, user, terms_pending }))
}

/// The current session at any stage, or `Unauthorized`; a dead one's cookie cleared all the
/// same (the refusal commits).
async fn require(services: &Services, info: &RequestInfo, stage_ok: fn(&Current) -> bool) -> Result<Current, AppError> {
    services
        .run(info, move |work| match current(work)? {
            Some(c) if stage_ok(&c) => Ok(c),
            _ => Err(Stop::Commit(AppError::Unauthorized)),
        })
        .await
}

/// The current session, which must be fully signed in with a password that has not expired:
/// an expired password may only be changed (`require_full_even_expired`), whatever the page
/// shows.
pub async fn require_full(services: &Services, info: &RequestInfo) -> Result<Current, AppError> {
    let current = require_full_even_expired(services, info).await?;
    if password_expired(&services.settings, &current.user, now()) {
        return Err(AppError::PasswordExpired);
    }
    if current.terms_pending.is_some() {
        return Err(AppError::TermsRequired);
    }
    Ok(current)
}

/// What a fully signed-in account must do before anything else, if anything: a new password
/// (an expired one), then the terms of use in force (`terms_pending`). The page it is sent to,
/// for the sign-in's end and the provider.
pub fn obligation(settings: &AuthSettings, user: &User, terms_pending: bool) -> Option<SignInNext> {
    if password_expired(settings, user, now()) {
        Some(SignInNext::ChangePassword)
    } else if terms_pending {
        Some(SignInNext::AgreeTerms)
    } else {
        None
    }
}

/// A fully signed-in session that proved a factor in the last minutes (`STEP_UP_SECONDS`):
/// what every change of how the account signs in needs, so that a stolen session alone
/// changes nothing.
pub async fn require_fresh(services: &Services, info: &RequestInfo) -> Result<Current, AppError> {
    let current = require_full(services, info).await?;
    if !current.freshly_verified(now()) {
        return Err(AppError::StepUpRequired);
    }
    Ok(current)
}

/// A fully signed-in session, even one whose password has expired: for changing it.
pub async fn require_full_even_expired(services: &Services, info: &RequestInfo) -> Result<Current, AppError> {
    require(services, info, Current::is_full).await
}

/// The current session at any stage (the second-factor and binding steps).
pub async fn require_any(services: &Services, info: &RequestInfo) -> Result<Current, AppError> {
    require(services, info, |_| true).await
}

/// What pages need to know about `current`.
pub fn viewer(conn: &mut AnyConnection, settings: &AuthSettings, current: &Current) -> Result<Viewer, AppError> {
    let user = &current.user;
    // Every page asks: once signed in, only whether a key is bound (for the step-up's offer).
    let (stage, key_bound, emergency_reset) = if current.is_full() {
        (ViewerStage::Full, factors::has_key(conn, user.id)?, EmergencyReset::default())
    } else {
        let bound = factors::for_user(conn, user.id)?;
        let key_bound = bound.iter().any(|f| f.kind == FactorKind::SecurityKey);
        let stage = if bound.is_empty() { ViewerStage::NeedsBinding } else { ViewerStage::NeedsCode };
        (stage, key_bound, current.emergency_reset(&bound))
    };
    Ok(Viewer {
        user_id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        actor: portal::actor(conn, user)?,
        org_name: users::org_name(conn, user.org_id)?,
        password_policy: settings.policy(user.role),
        stage,
        password_expired: password_expired(settings, user, now()),
        terms_pending: current.terms_pending.is_some(),
        key_bound,
        emergency_reset,
    })
}

/// Whether the policy's rotation period has passed (never while password sign-in is off).
pub fn password_expired(settings: &AuthSettings, user: &User, now: i64) -> bool {
    let Some(days) = settings.policy(user.role).max_age_days else {
        return false;
    };
    user.password_sign_in && user.password_changed_at.is_some_and(|at| at + i64::from(days) * 86_400 <= now)
}
