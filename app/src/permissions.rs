//! Who may do what: the one place that decides. Every server function and route asks
//! `decide` (through `auth::authorize` on the server); flows do not compare roles themselves.
//! Pure and shared: the pages ask the same question to show or hide a button.

pub use crate::accounts::{Actor, Function, Subsystem};
use crate::{
    accounts::{ApplicationKind, Role, Viewer},
    error::AppError,
};

impl Actor {
    fn holds(&self, subsystem: Subsystem) -> bool {
        self.grants.contains(&subsystem)
    }

    /// A function of a granted subsystem: a main account has every function of the
    /// subsystems it holds; anyone else those its grant includes.
    fn may_use(&self, function: Function) -> bool {
        self.holds(function.subsystem()) && (self.role == Role::OrgAdmin || self.functions.contains(&function))
    }
}

/// An account acted on by another: its organization and role are all the rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Account {
    pub org_id: i64,
    pub role: Role,
}

/// What is done on what: actions on an organization's data name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// 帳號活動紀錄, the password, the second factors, signing out elsewhere: one's own.
    ManageOwnAccount,
    /// Find accounts and see whether they are locked (the central authority's account page).
    FindAccounts,
    /// Lift a lockout of an account in `org`.
    UnlockAccount(i64),
    /// Remove every second factor of an account (the lost-phone case).
    ResetAccountFactors(Account),
    /// 子帳號管理: list `org`'s accounts and create sub-accounts in it.
    ManageMembers(i64),
    /// Disable, re-enable, or re-send the set-password link of an account.
    ManageMember(Account),
    /// Grant or revoke a subsystem to an account.
    GrantSubsystem(Account, Subsystem),
    /// Grant a subsystem to an account as the outcome of a review: approving its application or
    /// its 申請權限. Only what the granter holds, as for `GrantSubsystem`, whichever way the
    /// grant is made; the central authority grants what it reviews.
    GrantThroughReview(Account, Subsystem),
    /// Hand the main role to an account (移轉主帳號): the only way a main account changes.
    TransferMainRole(Account),
    /// Make an account of any organization its main account, replacing the one there was (the
    /// central authority's answer when a main account's holder is gone).
    AssignMainAccount,
    /// Turn organizations off and on, answer schools' requests for a main account, import the
    /// directory.
    ManageOrganizations,
    /// 收件紀錄: the record of `org`'s account assignments (created, granted, turned off,
    /// handed over), searched and exported.
    ReadMemberLog(i64),
    /// Search and export the audit log.
    ReadAudit,
    /// The messages the outbox gave up delivering, with their recipients.
    ReadFailedMail,
    PublishAnnouncement,
    /// Publish a new version of the terms of use, and export who agreed to which.
    PublishTerms,
    /// See `org`'s inventory; export it.
    ReadInventory(i64),
    /// Save rows into `org`'s inventory; import a file into the grid.
    EditInventory(i64),
    /// 提報: submit `org`'s inventory for the open period.
    SubmitInventory(i64),
    /// See, approve or turn down an account application of `kind` to `org` (SPEC §2): an
    /// organization's admins review its users', the central authority its admins'.
    ReviewApplication(i64, ApplicationKind),
    /// The list of every organization's admins with their last sign-in (the periodic review).
    ListOrgAdmins,
    /// Open reporting periods, reopen (退回) submissions, see every organization's standing and
    /// export every submission.
    ManageReporting,
    /// 子系統管理: register subsystems, change them, rotate their secrets, turn them off, and
    /// rotate the provider's signing keys.
    ManageSubsystems,
}

impl Action {
    /// Whether the action also needs a second factor proved in the last minutes (the same
    /// step-up as 登入設定, SPEC §3): what strips or hands over power over how accounts sign
    /// in, so that a stolen session alone does none of it. Removing another account's factors
    /// lets whoever knows its password bind a new authenticator.
    pub fn needs_fresh_verification(self) -> bool {
        matches!(self, Action::ResetAccountFactors(_) | Action::TransferMainRole(_))
    }
}

/// What an actor asking for an action gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not signed in: sign in first.
    SignIn,
    Deny,
}

/// The rules, SPEC's table of roles: the central authority runs the installation and sees
/// every organization; an organization's admin (main account) submits its reports; members
/// work on their own organization's data in the subsystems they were granted; a guest does
/// none of this (what guests may do needs no permission).
pub fn decide(actor: Option<&Actor>, action: Action) -> Decision {
    let Some(actor) = actor else {
        return Decision::SignIn;
    };
    let central = actor.role == Role::Central;
    let member_with = |org: i64, subsystem| actor.org_id == org && actor.holds(subsystem);
    // A main account runs its own organization's sub-accounts, never another main account
    // (itself included) or the central authority's.
    let main_of = |org: i64| actor.role == Role::OrgAdmin && actor.org_id == org;
    let manages = |a: Account| main_of(a.org_id) && a.role == Role::User;
    let allowed = match action {
        Action::ManageOwnAccount => true,
        Action::FindAccounts
        | Action::UnlockAccount(_)
        | Action::ReadAudit
        | Action::ReadFailedMail
        | Action::PublishAnnouncement
        | Action::PublishTerms
        | Action::ManageReporting
        | Action::ListOrgAdmins
        | Action::AssignMainAccount
        | Action::ManageSubsystems
        | Action::ManageOrganizations => central,
        Action::ReadMemberLog(org) => central || main_of(org),
        Action::ResetAccountFactors(account) => central || manages(account),
        Action::ManageMembers(org) => main_of(org),
        Action::ManageMember(account) | Action::TransferMainRole(account) => manages(account),
        // Only what the granter holds itself (and so its functions); the central authority
        // grants through reviews.
        Action::GrantSubsystem(account, subsystem) => manages(account) && actor.holds(subsystem),
        Action::GrantThroughReview(account, subsystem) => {
            central || decide(Some(actor), Action::GrantSubsystem(account, subsystem)) == Decision::Allow
        }
        Action::ReadInventory(org) => central || member_with(org, Subsystem::ASSETS),
        Action::EditInventory(org) => {
            central || (member_with(org, Subsystem::ASSETS) && actor.may_use(Function::ASSETS_FILL))
        }
        Action::SubmitInventory(org) => member_with(org, Subsystem::ASSETS) && actor.may_use(Function::ASSETS_SUBMIT),
        Action::ReviewApplication(org, kind) => {
            central || (kind == ApplicationKind::User && actor.role == Role::OrgAdmin && actor.org_id == org)
        }
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

/// Whether `actor` may grant the subsystem stored as `code` to `account` through a review
/// (`Action::GrantThroughReview`): registered subsystems as the built-in one, by what the
/// granter holds. A stored code that is not a subsystem code is the central authority's alone.
pub fn may_grant_through_review(actor: &Actor, account: Account, code: &str) -> bool {
    match Subsystem::of(code) {
        Some(subsystem) => decide(Some(actor), Action::GrantThroughReview(account, subsystem)) == Decision::Allow,
        None => actor.role == Role::Central,
    }
}

/// Whether `actor` is signed in to the registered subsystem `code` through the provider: it
/// holds the subsystem's grant. Nobody else, the central authority included: a subsystem's
/// own data is its holders' (that the account is active and its organization enabled, the
/// session already says).
pub fn may_sign_in_to(actor: &Actor, code: &str) -> bool {
    actor.grants.iter().any(|held| held.code() == code)
}

/// How far a list reaches: every organization's rows, or one organization's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Every,
    Org(i64),
}

impl Scope {
    /// The organization a query keeps to; `None` for every one.
    pub fn org(self) -> Option<i64> {
        match self {
            Scope::Every => None,
            Scope::Org(org) => Some(org),
        }
    }
}

/// The kind of application (and of access request) a reviewer looks at first: the central
/// authority organization admins', a main account its users'. Anyone else reviews none.
pub fn first_review_kind(actor: &Actor) -> ApplicationKind {
    match actor.role {
        Role::Central => ApplicationKind::OrgAdmin,
        Role::OrgAdmin | Role::User => ApplicationKind::User,
    }
}

/// Whose applications of `kind` `actor` reviews (`Action::ReviewApplication` as a list): the
/// central authority every organization's, a main account its own organization's users';
/// `None` for whoever reviews none of that kind.
pub fn review_scope(actor: &Actor, kind: ApplicationKind) -> Option<Scope> {
    if actor.role == Role::Central {
        Some(Scope::Every)
    } else if decide(Some(actor), Action::ReviewApplication(actor.org_id, kind)) == Decision::Allow {
        Some(Scope::Org(actor.org_id))
    } else {
        None
    }
}

/// Which subsystems an account opens and counts as its own: the central authority every active
/// one (it needs no grant, and asks for none), anyone else the ones granted to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubsystemReach {
    Every,
    Granted,
}

pub fn subsystem_reach(actor: &Actor) -> SubsystemReach {
    if actor.role == Role::Central {
        SubsystemReach::Every
    } else {
        SubsystemReach::Granted
    }
}

/// The subsystems `actor` may hand out to its organization's accounts (子帳號管理), out of
/// `codes`: those `Action::GrantSubsystem` allows for one of its sub-accounts.
pub fn grantable<'a>(actor: &Actor, codes: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let member = Account { org_id: actor.org_id, role: Role::User };
    codes
        .into_iter()
        .filter(|code| {
            Subsystem::of(code)
                .is_some_and(|s| decide(Some(actor), Action::GrantSubsystem(member, s)) == Decision::Allow)
        })
        .collect()
}

impl Viewer {
    /// Whether this viewer, fully signed in, may do the action `action` makes of its actor (its
    /// own organization's, say): the rules the server applies, for menus and page gates.
    pub fn may(&self, action: impl FnOnce(&Actor) -> Action) -> bool {
        self.is_signed_in()
            && !self.password_expired
            && !self.terms_pending
            && decide(Some(&self.actor), action(&self.actor)) == Decision::Allow
    }
}

/// `decide` as a result: `Unauthorized` for a guest, `Forbidden` for anyone else refused.
pub fn require(actor: Option<&Actor>, action: Action) -> Result<(), AppError> {
    match decide(actor, action) {
        Decision::Allow => Ok(()),
        Decision::SignIn => Err(AppError::Unauthorized),
        Decision::Deny => Err(AppError::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: i64 = 10;
    const OTHER: i64 = 20;
    const USER_APP: ApplicationKind = ApplicationKind::User;
    const ADMIN_APP: ApplicationKind = ApplicationKind::OrgAdmin;
    const OWN_USER: Account = Account { org_id: OWN, role: Role::User };
    const OTHER_USER: Account = Account { org_id: OTHER, role: Role::User };
    const OWN_MAIN: Account = Account { org_id: OWN, role: Role::OrgAdmin };
    const CENTRAL: Account = Account { org_id: OWN, role: Role::Central };
    const ASSETS: Subsystem = Subsystem::ASSETS;

    /// With a grant, its default function (填報), as grants are made.
    fn actor(role: Role, grants: &[Subsystem]) -> Actor {
        let functions = if grants.is_empty() { Vec::new() } else { vec![Function::ASSETS_FILL] };
        Actor { role, org_id: OWN, grants: grants.to_vec(), functions }
    }

    /// Every action, for each kind of actor, on their own organization and another: the
    /// expected answer written out, so a change of rule is a change of this table.
    #[test]
    fn the_whole_table() {
        use Decision::{Allow as A, Deny as D, SignIn as S};
        let central = actor(Role::Central, &[]);
        let admin = actor(Role::OrgAdmin, &[Subsystem::ASSETS]);
        let admin_without_grant = actor(Role::OrgAdmin, &[]);
        let user = actor(Role::User, &[Subsystem::ASSETS]);
        let user_without_grant = actor(Role::User, &[]);
        let who: [(&str, Option<&Actor>); 6] = [
            ("central", Some(&central)),
            ("org admin", Some(&admin)),
            ("org admin without the grant", Some(&admin_without_grant)),
            ("user", Some(&user)),
            ("user without the grant", Some(&user_without_grant)),
            ("guest", None),
        ];
        #[rustfmt::skip]
        let table: &[(&str, Action, [Decision; 6])] = &[
            //                                                central org-admin  no-grant  user  no-grant guest
            ("own account",         Action::ManageOwnAccount,             [A, A, A, A, A, S]),
            ("find accounts",       Action::FindAccounts,                 [A, D, D, D, D, S]),
            ("unlock, own org",     Action::UnlockAccount(OWN),           [A, D, D, D, D, S]),
            ("unlock, other org",   Action::UnlockAccount(OTHER),         [A, D, D, D, D, S]),
            ("reset, own user",     Action::ResetAccountFactors(OWN_USER),   [A, A, A, D, D, S]),
            ("reset, other user",   Action::ResetAccountFactors(OTHER_USER), [A, D, D, D, D, S]),
            ("reset, own main",     Action::ResetAccountFactors(OWN_MAIN),   [A, D, D, D, D, S]),
            ("reset, central",      Action::ResetAccountFactors(CENTRAL),    [A, D, D, D, D, S]),
            ("members, own org",    Action::ManageMembers(OWN),              [D, A, A, D, D, S]),
            ("members, other org",  Action::ManageMembers(OTHER),            [D, D, D, D, D, S]),
            ("member, own user",    Action::ManageMember(OWN_USER),          [D, A, A, D, D, S]),
            ("member, other user",  Action::ManageMember(OTHER_USER),        [D, D, D, D, D, S]),
            ("member, own main",    Action::ManageMember(OWN_MAIN),          [D, D, D, D, D, S]),
            ("member, central",     Action::ManageMember(CENTRAL),           [D, D, D, D, D, S]),
            ("grant held, own",     Action::GrantSubsystem(OWN_USER, ASSETS),   [D, A, D, D, D, S]),
            ("grant held, other",   Action::GrantSubsystem(OTHER_USER, ASSETS), [D, D, D, D, D, S]),
            ("grant held, main",    Action::GrantSubsystem(OWN_MAIN, ASSETS),   [D, D, D, D, D, S]),
            ("transfer, own user",  Action::TransferMainRole(OWN_USER),      [D, A, A, D, D, S]),
            ("transfer, other",     Action::TransferMainRole(OTHER_USER),    [D, D, D, D, D, S]),
            ("transfer, own main",  Action::TransferMainRole(OWN_MAIN),      [D, D, D, D, D, S]),
            ("transfer, central",   Action::TransferMainRole(CENTRAL),       [D, D, D, D, D, S]),
            ("audit",               Action::ReadAudit,                    [A, D, D, D, D, S]),
            ("failed mail",         Action::ReadFailedMail,               [A, D, D, D, D, S]),
            ("announce",            Action::PublishAnnouncement,          [A, D, D, D, D, S]),
            ("terms of use",        Action::PublishTerms,                 [A, D, D, D, D, S]),
            ("subsystems",          Action::ManageSubsystems,             [A, D, D, D, D, S]),
            ("read, own org",       Action::ReadInventory(OWN),           [A, A, D, A, D, S]),
            ("read, other org",     Action::ReadInventory(OTHER),         [A, D, D, D, D, S]),
            ("edit, own org",       Action::EditInventory(OWN),           [A, A, D, A, D, S]),
            ("edit, other org",     Action::EditInventory(OTHER),         [A, D, D, D, D, S]),
            ("submit, own org",     Action::SubmitInventory(OWN),         [D, A, D, D, D, S]),
            ("submit, other org",   Action::SubmitInventory(OTHER),       [D, D, D, D, D, S]),
            ("manage reporting",    Action::ManageReporting,              [A, D, D, D, D, S]),
            ("list org admins",     Action::ListOrgAdmins,                [A, D, D, D, D, S]),
            ("assign main",         Action::AssignMainAccount,            [A, D, D, D, D, S]),
            ("manage orgs",         Action::ManageOrganizations,          [A, D, D, D, D, S]),
            ("member log, own",     Action::ReadMemberLog(OWN),           [A, A, A, D, D, S]),
            ("member log, other",   Action::ReadMemberLog(OTHER),         [A, D, D, D, D, S]),
            ("review user, own",    Action::ReviewApplication(OWN, USER_APP),    [A, A, A, D, D, S]),
            ("review user, other",  Action::ReviewApplication(OTHER, USER_APP),  [A, D, D, D, D, S]),
            ("review admin, own",   Action::ReviewApplication(OWN, ADMIN_APP),   [A, D, D, D, D, S]),
            ("review admin, other", Action::ReviewApplication(OTHER, ADMIN_APP), [A, D, D, D, D, S]),
        ];
        for (name, action, expected) in table {
            for ((label, actor), want) in who.iter().zip(expected) {
                assert_eq!(decide(*actor, *action), *want, "{name} by {label}");
            }
        }
    }

    /// 填報 and 提報 apart: each opens its own action, only inside the granted subsystem of
    /// the account's own organization; a main account has both.
    #[test]
    fn functions_inside_a_subsystem() {
        let with = |role, functions: &[Function]| Actor {
            role,
            org_id: OWN,
            grants: vec![Subsystem::ASSETS],
            functions: functions.to_vec(),
        };
        let allowed = |a: &Actor, action| decide(Some(a), action) == Decision::Allow;
        let fill_only = with(Role::User, &[Function::ASSETS_FILL]);
        let submit_only = with(Role::User, &[Function::ASSETS_SUBMIT]);
        let both = with(Role::User, &[Function::ASSETS_FILL, Function::ASSETS_SUBMIT]);
        let none = with(Role::User, &[]);
        let main = with(Role::OrgAdmin, &[]);
        for (who, a, read, edit, submit) in [
            ("填報", &fill_only, true, true, false),
            ("提報", &submit_only, true, false, true),
            ("both", &both, true, true, true),
            ("neither", &none, true, false, false),
            ("main", &main, true, true, true),
        ] {
            assert_eq!(allowed(a, Action::ReadInventory(OWN)), read, "{who} reads");
            assert_eq!(allowed(a, Action::EditInventory(OWN)), edit, "{who} edits");
            assert_eq!(allowed(a, Action::SubmitInventory(OWN)), submit, "{who} submits");
            assert!(!allowed(a, Action::EditInventory(OTHER)) && !allowed(a, Action::SubmitInventory(OTHER)), "{who}");
        }
        // Functions without the subsystem open nothing.
        let no_grant = Actor { grants: Vec::new(), ..both.clone() };
        assert!(!allowed(&no_grant, Action::ReadInventory(OWN)) && !allowed(&no_grant, Action::SubmitInventory(OWN)));
        // A grant's list keeps what is a code; the catalogue decides what is shown and told.
        let listed = Function::parse_list(Subsystem::ASSETS, "fill, submit,Not a code,");
        assert_eq!(listed, vec![Function::ASSETS_FILL, Function::ASSETS_SUBMIT]);
        assert_eq!(Function::parse_list(Subsystem::ASSETS, ""), Vec::new());
    }

    /// A grant made by approving a request or an application follows the direct grant's rule:
    /// a main account grants only what it holds itself, to its own sub-accounts; the central
    /// authority grants what it reviews.
    #[test]
    fn a_review_grants_only_what_the_granter_holds() {
        let allowed =
            |a: &Actor, to: Account| decide(Some(a), Action::GrantThroughReview(to, ASSETS)) == Decision::Allow;
        let holder = actor(Role::OrgAdmin, &[Subsystem::ASSETS]);
        let without = actor(Role::OrgAdmin, &[]);
        let central = actor(Role::Central, &[]);
        assert!(allowed(&holder, OWN_USER));
        assert!(!allowed(&without, OWN_USER), "a main account without the subsystem");
        assert!(!allowed(&holder, OTHER_USER) && !allowed(&holder, OWN_MAIN), "another's, or a main account");
        assert!(allowed(&central, OWN_USER) && allowed(&central, OWN_MAIN) && allowed(&central, OTHER_USER));
        assert!(!allowed(&actor(Role::User, &[Subsystem::ASSETS]), OWN_USER), "a sub-account reviews nothing");
        assert_eq!(decide(None, Action::GrantThroughReview(OWN_USER, ASSETS)), Decision::SignIn);
        // By its stored code, the same; a code with no rules of its own is the central authority's.
        assert!(may_grant_through_review(&holder, OWN_USER, "assets"));
        assert!(!may_grant_through_review(&without, OWN_USER, "assets"));
        // A registered subsystem: only one who holds it, as the built-in one.
        let ismg = Subsystem::of("ismg").unwrap();
        assert!(!may_grant_through_review(&holder, OWN_USER, "ismg"));
        assert!(may_grant_through_review(&actor(Role::OrgAdmin, &[ismg]), OWN_USER, "ismg"));
        assert!(may_grant_through_review(&central, OWN_USER, "ismg"));
        assert!(!may_grant_through_review(&holder, OWN_USER, "Not a code"));
        assert!(may_grant_through_review(&central, OWN_USER, "Not a code"));
    }

    #[test]
    fn stripping_or_handing_over_factors_needs_a_fresh_verification() {
        assert!(Action::ResetAccountFactors(OWN_USER).needs_fresh_verification());
        assert!(Action::TransferMainRole(OWN_USER).needs_fresh_verification());
        assert!(!Action::ManageMember(OWN_USER).needs_fresh_verification());
        assert!(!Action::UnlockAccount(OWN).needs_fresh_verification());
    }

    #[test]
    fn refusals_say_whether_to_sign_in() {
        assert_eq!(require(None, Action::ManageOwnAccount), Err(AppError::Unauthorized));
        assert_eq!(require(Some(&actor(Role::User, &[])), Action::ReadAudit), Err(AppError::Forbidden));
        assert_eq!(require(Some(&actor(Role::Central, &[])), Action::ReadAudit), Ok(()));
    }

    /// The lists' scopes are the single rules read as lists: an organization is in a reviewer's
    /// scope exactly when `decide` lets it review that organization's applications.
    #[test]
    fn review_scopes_are_the_review_rule_as_a_list() {
        for role in [Role::Central, Role::OrgAdmin, Role::User] {
            let a = actor(role, &[]);
            for kind in [USER_APP, ADMIN_APP] {
                let scope = review_scope(&a, kind);
                for org in [OWN, OTHER] {
                    let listed = match scope {
                        Some(Scope::Every) => true,
                        Some(Scope::Org(o)) => o == org,
                        None => false,
                    };
                    let allowed = decide(Some(&a), Action::ReviewApplication(org, kind)) == Decision::Allow;
                    assert_eq!(listed, allowed, "{role:?} {kind:?} {org}");
                }
            }
        }
        assert_eq!(review_scope(&actor(Role::Central, &[]), ADMIN_APP), Some(Scope::Every));
        assert_eq!(review_scope(&actor(Role::OrgAdmin, &[]), USER_APP), Some(Scope::Org(OWN)));
        assert_eq!(review_scope(&actor(Role::OrgAdmin, &[]), ADMIN_APP), None);
        assert_eq!(review_scope(&actor(Role::User, &[]), USER_APP), None);
        assert_eq!(first_review_kind(&actor(Role::Central, &[])), ADMIN_APP);
        assert_eq!(first_review_kind(&actor(Role::OrgAdmin, &[])), USER_APP);
    }

    #[test]
    fn what_is_grantable_and_opened_follows_the_grants() {
        let codes = ["assets", "ismg"];
        assert_eq!(grantable(&actor(Role::OrgAdmin, &[ASSETS]), codes), vec!["assets"]);
        // A registered subsystem the main account holds is handed out like the built-in one.
        let ismg = Subsystem::of("ismg").unwrap();
        assert_eq!(grantable(&actor(Role::OrgAdmin, &[ASSETS, ismg]), codes), vec!["assets", "ismg"]);
        assert!(may_sign_in_to(&actor(Role::User, &[ismg]), "ismg"));
        assert!(!may_sign_in_to(&actor(Role::User, &[ASSETS]), "ismg"));
        assert!(!may_sign_in_to(&actor(Role::Central, &[]), "ismg"), "the central authority holds no grant");
        // Not held, not handed out.
        assert!(grantable(&actor(Role::OrgAdmin, &[]), codes).is_empty());
        assert!(grantable(&actor(Role::User, &[ASSETS]), codes).is_empty());
        assert!(grantable(&actor(Role::Central, &[]), codes).is_empty());
        assert_eq!(subsystem_reach(&actor(Role::Central, &[])), SubsystemReach::Every);
        assert_eq!(subsystem_reach(&actor(Role::OrgAdmin, &[ASSETS])), SubsystemReach::Granted);
        assert_eq!(subsystem_reach(&actor(Role::User, &[])), SubsystemReach::Granted);
    }

    /// The page asks the same rules: a main account's viewer may open 子帳號管理 and the review
    /// queue, a member's neither; with an expired password or half signed in, nothing.
    #[test]
    fn the_viewer_asks_the_same_rules() {
        use crate::{
            accounts::{EmergencyReset, ViewerStage},
            password::PasswordPolicy,
        };
        let viewer = |role, stage, password_expired| Viewer {
            user_id: 1,
            username: "011601_t01".into(),
            display_name: "t".into(),
            actor: actor(role, &[ASSETS]),
            org_name: "o".into(),
            password_policy: PasswordPolicy::school(),
            stage,
            password_expired,
            terms_pending: false,
            key_bound: false,
            emergency_reset: EmergencyReset::default(),
        };
        let members = |a: &Actor| Action::ManageMembers(a.org_id);
        let review = |a: &Actor| Action::ReviewApplication(a.org_id, first_review_kind(a));
        let main = viewer(Role::OrgAdmin, ViewerStage::Full, false);
        assert!(main.may(members) && main.may(review) && !main.may(|_| Action::ReadAudit));
        let member = viewer(Role::User, ViewerStage::Full, false);
        assert!(!member.may(members) && !member.may(review) && member.may(|_| Action::ManageOwnAccount));
        assert!(viewer(Role::Central, ViewerStage::Full, false).may(|_| Action::ReadAudit));
        assert!(!viewer(Role::Central, ViewerStage::Full, true).may(|_| Action::ReadAudit));
        assert!(!viewer(Role::OrgAdmin, ViewerStage::NeedsCode, false).may(members));
        // Terms of use waiting for the agreement: nothing until then.
        let waiting = Viewer { terms_pending: true, ..viewer(Role::Central, ViewerStage::Full, false) };
        assert!(!waiting.may(|_| Action::ReadAudit) && !waiting.may(|_| Action::ManageOwnAccount));
    }

    /// Signing in to a registered subsystem takes its grant, whoever asks.
    #[test]
    fn a_registered_subsystem_takes_its_grant() {
        let holder = Actor::new(Role::User, OWN, &[("demo".into(), String::new())]);
        assert!(may_sign_in_to(&holder, "demo"));
        assert!(!may_sign_in_to(&holder, "ismg"));
        assert!(!may_sign_in_to(&holder, "dem"));
        let central = Actor::new(Role::Central, OWN, &[]);
        assert!(!may_sign_in_to(&central, "demo"));
    }
}
