//! The tables, written by hand to match `migrations/sqlite` and `migrations/postgres`.

diesel::table! {
    organizations (id) {
        id -> BigInt,
        oid -> Nullable<Text>,
        name -> Text,
        search_name -> Text,
        parent_oid -> Nullable<Text>,
        kind -> Text,
        school_code -> Nullable<Text>,
        agency_code -> Nullable<Text>,
        county -> Nullable<Text>,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        dn -> Nullable<Text>,
        website -> Nullable<Text>,
        successor_oid -> Nullable<Text>,
        disabled_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    directory_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    org_renames (id) {
        id -> BigInt,
        old_oid -> Text,
        new_oid -> Text,
        old_name -> Text,
        new_name -> Text,
        change_date -> Nullable<Text>,
        reference -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        org_id -> BigInt,
        username -> Text,
        username_key -> Text,
        display_name -> Text,
        email -> Text,
        mobile -> Nullable<Text>,
        title -> Nullable<Text>,
        unit -> Nullable<Text>,
        role -> Text,
        status -> Text,
        password_hash -> Nullable<Text>,
        password_changed_at -> Nullable<BigInt>,
        password_sign_in -> Bool,
        last_sign_in_at -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
        address -> Nullable<Text>,
        office_phone -> Nullable<Text>,
        office_ext -> Nullable<Text>,
        fax -> Nullable<Text>,
    }
}

diesel::table! {
    password_history (id) {
        id -> BigInt,
        user_id -> BigInt,
        password_hash -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    subsystems (id) {
        id -> BigInt,
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        description_zh -> Text,
        description_en -> Text,
        path -> Text,
        active -> Bool,
        sort_order -> Integer,
        created_at -> BigInt,
        client_kind -> Text,
        redirect_uris -> Text,
        post_logout_redirect_uris -> Text,
        backchannel_logout_uri -> Text,
        privacy_url -> Text,
        terms_url -> Text,
        fields -> Text,
        updated_at -> BigInt,
        functions -> Text,
        id_token_alg -> Text,
    }
}

diesel::table! {
    grants (user_id, subsystem_id) {
        user_id -> BigInt,
        subsystem_id -> BigInt,
        granted_by -> Nullable<BigInt>,
        granted_at -> BigInt,
        functions -> Text,
    }
}

diesel::table! {
    main_account_requests (id) {
        id -> BigInt,
        org_id -> BigInt,
        part -> Text,
        display_name -> Text,
        email -> Text,
        title -> Text,
        unit -> Text,
        office_phone -> Text,
        office_ext -> Text,
        address -> Text,
        fax -> Text,
        status -> Text,
        reason -> Text,
        created_at -> BigInt,
        reviewed_at -> Nullable<BigInt>,
        reviewer_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    consents (user_id, subsystem_id) {
        user_id -> BigInt,
        subsystem_id -> BigInt,
        accepted_at -> BigInt,
        fields -> Text,
    }
}

diesel::table! {
    second_factors (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        label -> Text,
        secret -> Nullable<Text>,
        last_step -> Nullable<BigInt>,
        credential -> Nullable<Text>,
        external_id -> Nullable<Text>,
        created_at -> BigInt,
        last_used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> BigInt,
        stage -> Text,
        pending_secret -> Nullable<Text>,
        ip -> Text,
        user_agent -> Text,
        created_at -> BigInt,
        last_seen_at -> BigInt,
        expires_at -> BigInt,
        verified_at -> Nullable<BigInt>,
        ceremony -> Nullable<Text>,
        sid -> Text,
        amr -> Text,
        signed_in_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    rate_limits (key) {
        key -> Text,
        window_started_at -> BigInt,
        count -> Integer,
    }
}

diesel::table! {
    sign_in_failures (username_key) {
        username_key -> Text,
        failures -> Integer,
        last_failed_at -> BigInt,
        locked_until -> Nullable<BigInt>,
    }
}

diesel::table! {
    one_time_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        code_hash -> Text,
        attempts -> Integer,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    open_ceremonies (token_hash) {
        token_hash -> Text,
        ceremony -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    captcha_used (challenge) {
        challenge -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        channel -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> BigInt,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        sent_at -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        template -> Text,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        at -> BigInt,
        event -> Text,
        outcome -> Text,
        method -> Nullable<Text>,
        actor_id -> Nullable<BigInt>,
        subject_id -> Nullable<BigInt>,
        org_id -> Nullable<BigInt>,
        username -> Nullable<Text>,
        ip -> Text,
        user_agent -> Text,
        detail -> Text,
    }
}

diesel::table! {
    announcements (id) {
        id -> BigInt,
        audience -> Text,
        title -> Text,
        body -> Text,
        published_at -> BigInt,
        created_by -> Nullable<BigInt>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    asset_rows (id) {
        id -> BigInt,
        org_id -> BigInt,
        version -> BigInt,
        cells -> Text,
        updated_at -> BigInt,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    reporting_periods (id) {
        id -> BigInt,
        title -> Text,
        opens_at -> BigInt,
        closes_at -> BigInt,
        created_by -> Nullable<BigInt>,
        created_at -> BigInt,
    }
}

diesel::table! {
    asset_submissions (id) {
        id -> BigInt,
        period_id -> BigInt,
        org_id -> BigInt,
        submitted_at -> BigInt,
        submitted_by -> Nullable<BigInt>,
        row_count -> BigInt,
        level_normal -> BigInt,
        level_medium -> BigInt,
        level_high -> BigInt,
        level_other -> BigInt,
        baseline_met -> BigInt,
        baseline_partly -> BigInt,
        baseline_not -> BigInt,
        baseline_na -> BigInt,
        snapshot -> Text,
        reopened_at -> Nullable<BigInt>,
        reopened_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    applications (id) {
        id -> BigInt,
        token_hash -> Text,
        org_id -> BigInt,
        kind -> Text,
        status -> Text,
        display_name -> Text,
        email -> Text,
        mobile -> Text,
        email_code_hash -> Nullable<Text>,
        email_code_expires_at -> Nullable<BigInt>,
        email_code_tries -> Integer,
        email_verified_at -> Nullable<BigInt>,
        mobile_code_hash -> Nullable<Text>,
        mobile_code_expires_at -> Nullable<BigInt>,
        mobile_code_tries -> Integer,
        mobile_verified_at -> Nullable<BigInt>,
        subsystems -> Nullable<Text>,
        user_id -> Nullable<BigInt>,
        locale -> Text,
        created_at -> BigInt,
        updated_at -> BigInt,
        submitted_at -> Nullable<BigInt>,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<BigInt>,
        review_reason -> Nullable<Text>,
        contact_id -> Nullable<BigInt>,
        proof -> Text,
    }
}

diesel::table! {
    org_contacts (id) {
        id -> BigInt,
        org_id -> BigInt,
        display_name -> Text,
        email -> Text,
        mobile -> Text,
        title -> Nullable<Text>,
        unit -> Nullable<Text>,
        user_id -> Nullable<BigInt>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    application_scans (application_id) {
        application_id -> BigInt,
        content_type -> Text,
        body -> Binary,
        size -> BigInt,
        uploaded_at -> BigInt,
    }
}

diesel::table! {
    grant_requests (id) {
        id -> BigInt,
        user_id -> BigInt,
        subsystem_id -> BigInt,
        change -> Text,
        status -> Text,
        created_at -> BigInt,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<BigInt>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    client_secrets (id) {
        id -> BigInt,
        subsystem_id -> BigInt,
        secret_hash -> Text,
        created_at -> BigInt,
        expires_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    signing_keys (id) {
        id -> BigInt,
        kid -> Text,
        alg -> Text,
        private_key -> Text,
        public_jwk -> Text,
        created_at -> BigInt,
        active_from -> BigInt,
        retired_at -> Nullable<BigInt>,
        published_until -> Nullable<BigInt>,
    }
}

diesel::table! {
    oidc_grants (id) {
        id -> BigInt,
        subsystem_id -> BigInt,
        user_id -> BigInt,
        sid -> Text,
        fields -> Text,
        nonce -> Nullable<Text>,
        amr -> Text,
        auth_time -> BigInt,
        created_at -> BigInt,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    oidc_codes (code_hash) {
        code_hash -> Text,
        grant_id -> BigInt,
        redirect_uri -> Text,
        code_challenge -> Text,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    oidc_tokens (token_hash) {
        token_hash -> Text,
        grant_id -> BigInt,
        kind -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    logout_deliveries (id) {
        id -> BigInt,
        subsystem_id -> BigInt,
        user_id -> BigInt,
        sid -> Text,
        created_at -> BigInt,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        delivered_at -> Nullable<BigInt>,
        last_error -> Text,
    }
}

diesel::table! {
    terms (version) {
        version -> BigInt,
        body_zh -> Text,
        body_en -> Text,
        published_at -> BigInt,
        published_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    terms_agreements (user_id, version) {
        user_id -> BigInt,
        version -> BigInt,
        agreed_at -> BigInt,
        ip -> Text,
    }
}

diesel::joinable!(terms_agreements -> users (user_id));
diesel::joinable!(users -> organizations (org_id));
diesel::joinable!(client_secrets -> subsystems (subsystem_id));
diesel::joinable!(oidc_grants -> subsystems (subsystem_id));
diesel::joinable!(oidc_codes -> oidc_grants (grant_id));
diesel::joinable!(oidc_tokens -> oidc_grants (grant_id));
diesel::joinable!(grant_requests -> subsystems (subsystem_id));
diesel::joinable!(applications -> organizations (org_id));
diesel::joinable!(main_account_requests -> organizations (org_id));
diesel::joinable!(asset_submissions -> organizations (org_id));
diesel::joinable!(grants -> subsystems (subsystem_id));
diesel::joinable!(consents -> subsystems (subsystem_id));
diesel::allow_tables_to_appear_in_same_query!(
    consents,
    main_account_requests,
    users,
    organizations,
    grants,
    subsystems,
    second_factors,
    sessions,
    asset_submissions,
    asset_rows,
    applications,
    grant_requests,
    org_contacts,
    sign_in_failures,
    client_secrets,
    oidc_grants,
    oidc_codes,
    oidc_tokens,
    logout_deliveries,
    terms,
    terms_agreements
);
