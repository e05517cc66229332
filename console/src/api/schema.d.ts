/**
 * Generated from /openapi.json by `npm run openapi:generate` (openapi-typescript). Do not edit:
 * change the route's description (docs/api.md) and generate again.
 */

export interface paths {
    "/analytics-next/bundles/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chunk analytics.js loads on demand */
        get: operations["getAnalyticsJsChunk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics.js/v1/{writeKey}/analytics.min.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The analytics.js snippet's script */
        get: operations["getAnalyticsJs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one event */
        post: operations["sendClientEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client/events/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 1,000 events
         * @description The array itself, or `{ "events": [...] }`; nothing is written when one event is invalid.
         */
        post: operations["sendClientEventsBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The catalogue of error codes
         * @description Every `error.code` the API answers with, its HTTP status and what it means.
         */
        get: operations["listErrorCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/authenticated/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List canonical events */
        get: operations["listEventsByKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/authenticated/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a canonical event */
        get: operations["getEventByKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/authenticated/events/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List incoming events (the inbox) */
        get: operations["listIncomingEventsByKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/authenticated/events/incoming/{inboxId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an incoming event */
        get: operations["getIncomingEventByKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/authenticated/events/incoming/{inboxId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed or blocked event */
        post: operations["retryIncomingEventByKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workspaces */
        get: operations["listWorkspaces"];
        put?: never;
        /** Create a workspace */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/attribution-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the attribution settings */
        get: operations["getAttributionSettings"];
        /**
         * Set the attribution settings
         * @description Which slugs a browser may call without an API key, and from which origins.
         */
        put: operations["setAttributionSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's link clicks per day */
        get: operations["getWorkspaceClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborator-submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List collaborator applications */
        get: operations["listCollaboratorSubmissions"];
        put?: never;
        /**
         * Submit a collaborator application
         * @description `approve: true` approves it at once (creating the collaborator and a referral code).
         */
        post: operations["createCollaboratorSubmission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborator-submissions/{submissionId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an application */
        post: operations["approveCollaboratorSubmission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborator-submissions/{submissionId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an application */
        post: operations["rejectCollaboratorSubmission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List collaborators */
        get: operations["listCollaborators"];
        put?: never;
        /** Create a collaborator */
        post: operations["createCollaborator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a collaborator */
        get: operations["getCollaborator"];
        put?: never;
        post?: never;
        /** Delete a collaborator */
        delete: operations["deleteCollaborator"];
        options?: never;
        head?: never;
        /** Change a collaborator */
        patch: operations["updateCollaborator"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A collaborator's link clicks per day */
        get: operations["getCollaboratorClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a collaborator's enrollments */
        get: operations["listCollaboratorEnrollments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A collaborator's ledger and balance */
        get: operations["getCollaboratorLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/login-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a one-time partner portal sign-in link
         * @description Also sent as the Siren webhook `collaborator.login_link_created`.
         */
        post: operations["createLoginLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/referral-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a collaborator's referral codes */
        get: operations["listReferralCodes"];
        put?: never;
        /** Give a collaborator a referral code */
        post: operations["createReferralCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/collaborators/{collaboratorId}/referral-codes/{codeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a referral code */
        delete: operations["deleteReferralCode"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conversions */
        get: operations["listConversions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/conversions/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a conversion */
        get: operations["getConversion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/conversions/{recordId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending conversion
         * @description Answers 409 `conflict` when the conversion's status does not allow it.
         */
        post: operations["approveConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/conversions/{recordId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a conversion
         * @description Answers 409 `conflict` when the conversion's status does not allow it.
         */
        post: operations["rejectConversion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List coupons */
        get: operations["listCoupons"];
        put?: never;
        /** Create a coupon */
        post: operations["createCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/coupons/{couponId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a coupon */
        get: operations["getCoupon"];
        put?: never;
        post?: never;
        /** Delete a coupon */
        delete: operations["deleteCoupon"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deliveries */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a delivery */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again */
        post: operations["replayDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/deliveries/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send dead letters (or a filter) again */
        post: operations["replayDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/destination-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List destination types
         * @description Every registered type, with the JSON Schema of its config, its secret fields and its limits.
         */
        get: operations["listDestinationTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List destinations */
        get: operations["listDestinations"];
        put?: never;
        /** Create a webhook destination */
        post: operations["createDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/destinations/{destinationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a destination */
        get: operations["getDestination"];
        /** Change a destination */
        put: operations["updateDestination"];
        post?: never;
        /** Delete a destination */
        delete: operations["deleteDestination"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/destinations/{destinationId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description The previous secret keeps signing for a while (`previous_secret_expires_at`), so receivers can switch.
         */
        post: operations["rotateDestinationSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/destinations/{destinationId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event to a destination
         * @description Sends one sample event (or runs the type's own connection check) now and answers what the destination said. Stores no event or delivery and changes nothing about the destination, even when the test fails.
         */
        post: operations["testDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/distributions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List distributions */
        get: operations["listDistributions"];
        put?: never;
        /** Create a distribution */
        post: operations["createDistribution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/distributions/{distributionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a distribution */
        get: operations["getDistribution"];
        put?: never;
        post?: never;
        /** Delete a distribution */
        delete: operations["deleteDistribution"];
        options?: never;
        head?: never;
        /** Change a distribution */
        patch: operations["updateDistribution"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/distributions/{distributionId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a distribution's runs */
        get: operations["listDistributionRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/distributions/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the periods that have ended
         * @description What the heartbeat does on its own; runs each ended period once.
         */
        post: operations["runDistributions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/domain-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The domain-event log
         * @description With `inbound_event_id`, one flow in dispatch order; without, the newest first.
         */
        get: operations["listDomainEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/engagements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List engagements */
        get: operations["listEngagements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/engagements/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an engagement */
        get: operations["getEngagement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List event bindings */
        get: operations["listEventBindings"];
        put?: never;
        /**
         * Bind an event to a slug
         * @description Canonical events of `event_type` + `event_name` enter attribution as `slug`, their fields mapped by `mapping`; or name a `template`.
         */
        post: operations["createEventBinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-bindings/{bindingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an event binding */
        get: operations["getEventBinding"];
        put?: never;
        post?: never;
        /** Delete an event binding */
        delete: operations["deleteEventBinding"];
        options?: never;
        head?: never;
        /** Change an event binding */
        patch: operations["updateEventBinding"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-bindings/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the built-in binding templates */
        get: operations["listBindingTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contracts */
        get: operations["listContracts"];
        put?: never;
        /** Create a contract */
        post: operations["createContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-contracts/{contractId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a contract */
        get: operations["getContract"];
        /** Change a contract */
        put: operations["updateContract"];
        post?: never;
        /** Delete a contract */
        delete: operations["deleteContract"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-contracts/{contractId}/violations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a contract's violations */
        get: operations["listContractViolations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-forwarding-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List forwarding rules */
        get: operations["listForwardingRules"];
        put?: never;
        /** Create a forwarding rule */
        post: operations["createForwardingRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-forwarding-rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a forwarding rule */
        get: operations["getForwardingRule"];
        /** Change a forwarding rule */
        put: operations["updateForwardingRule"];
        post?: never;
        /** Delete a forwarding rule */
        delete: operations["deleteForwardingRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List write keys */
        get: operations["listWriteKeys"];
        put?: never;
        /** Create a write key */
        post: operations["createWriteKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a write key */
        delete: operations["revokeWriteKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-transformations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List transformations */
        get: operations["listTransformations"];
        put?: never;
        /**
         * Create a transformation
         * @description Unless `status` is `draft`, the code runs on `test_input` first and must return `test_output`.
         */
        post: operations["createTransformation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-transformations/{txId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a transformation */
        get: operations["getTransformation"];
        /** Change a transformation */
        put: operations["updateTransformation"];
        post?: never;
        /** Delete a transformation */
        delete: operations["deleteTransformation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-transformations/{txId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a transformation on an event */
        post: operations["testTransformation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/event-volume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hourly event counts */
        get: operations["getEventVolume"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List canonical events */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/events/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an event to a workspace
         * @description A write key as bearer token; `X-Workspace-ID`, when sent, must match the path.
         */
        post: operations["sendWorkspaceEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/events/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List incoming events (the inbox) */
        get: operations["listIncomingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/events/incoming/{inboxId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed or blocked event */
        post: operations["retryIncomingEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/events/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream new events (Server-Sent Events)
         * @description Send `Last-Event-ID` (or `?last_event_id=`) to replay what a reconnecting reader missed.
         */
        get: operations["streamLiveEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/fraud-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conversions flagged by fraud rules, awaiting review */
        get: operations["listFraudReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/fulfillments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List fulfillment runs */
        get: operations["listFulfillments"];
        put?: never;
        /**
         * Start a fulfillment run
         * @description Gathers completed obligations into one payout per collaborator and currency (at least `minimum_payout`).
         */
        post: operations["createFulfillment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/fulfillments/{fulfillmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a fulfillment run */
        get: operations["getFulfillment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/fulfillments/{fulfillmentId}/payouts.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's payouts as CSV */
        get: operations["exportFulfillmentPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/integrations/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Stripe integration
         * @description The webhook URL to add in Stripe, the signing secret by its last four characters and the mapping options; the defaults (`configured: false`) before it is set up.
         */
        get: operations["getStripeIntegration"];
        /**
         * Set up or change the Stripe integration
         * @description The signing secret is required the first time and kept when omitted; it is sealed at rest and never returned.
         */
        put: operations["setStripeIntegration"];
        post?: never;
        /**
         * Remove the Stripe integration
         * @description Forgets the signing secret: the webhook endpoint answers 404 from then on. Events already received are kept.
         */
        delete: operations["deleteStripeIntegration"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/integrations/stripe/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Received Stripe events and what each became */
        get: operations["listStripeEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/obligations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List obligations */
        get: operations["listObligations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/obligations/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an obligation */
        get: operations["getObligation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/obligations/release-holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release every hold whose period has ended, now */
        post: operations["releaseHolds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List opportunities */
        get: operations["listOpportunities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/opportunities/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an opportunity */
        get: operations["getOpportunity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payouts */
        get: operations["listPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/{payoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a payout */
        get: operations["getPayout"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/{payoutId}/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a payout failed
         * @description Its obligations become payable again.
         */
        post: operations["markPayoutFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/{payoutId}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a payout paid */
        post: operations["markPayoutPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/{payoutId}/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a payout handed over for payment */
        post: operations["markPayoutProcessing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark several payouts paid */
        post: operations["markPayoutsPaid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/payouts/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark several payouts handed over for payment */
        post: operations["markPayoutsProcessing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/program-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List program groups */
        get: operations["listProgramGroups"];
        put?: never;
        /**
         * Create a program group
         * @description Programs in a group are mutually exclusive; `strategy` picks the one that attributes.
         */
        post: operations["createProgramGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/program-groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a program group */
        get: operations["getProgramGroup"];
        put?: never;
        post?: never;
        /** Delete a program group */
        delete: operations["deleteProgramGroup"];
        options?: never;
        head?: never;
        /** Change a program group */
        patch: operations["updateProgramGroup"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/program-groups/{groupId}/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put a program in a group */
        put: operations["addProgramToGroup"];
        post?: never;
        /** Take a program out of a group */
        delete: operations["removeProgramFromGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List programs */
        get: operations["listPrograms"];
        put?: never;
        /** Create a program */
        post: operations["createProgram"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a program */
        get: operations["getProgram"];
        put?: never;
        post?: never;
        /**
         * Delete a program
         * @description Refused (409 `conflict`) once the program has engagements or conversions: set it inactive instead.
         */
        delete: operations["deleteProgram"];
        options?: never;
        head?: never;
        /** Change a program */
        patch: operations["updateProgram"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs/{programId}/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A program's link clicks per day */
        get: operations["getProgramClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs/{programId}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a program's enrollments */
        get: operations["listProgramEnrollments"];
        put?: never;
        /** Enroll, invite or add an applicant to a program */
        post: operations["createEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs/{programId}/enrollments/{enrollmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Approve, reject or remove an enrollment
         * @description Approving an application from the portal's sign-up form also activates the applicant's account and sends them a login link (see docs/partner-portal.md).
         */
        patch: operations["updateEnrollment"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/programs/{programId}/lesson-incentive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a program's lesson incentive */
        put: operations["setLessonIncentive"];
        post?: never;
        /** Remove a program's lesson incentive */
        delete: operations["deleteLessonIncentive"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/recipes/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a recipe (groups, programs, settings) at once
         * @description All or nothing; `dry_run: true` answers the changes without making them.
         */
        post: operations["applyRecipe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/regulations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List regulations */
        get: operations["listRegulations"];
        put?: never;
        /**
         * Erase or suppress a person
         * @description A suppression is in force when this answers (201); a delete has only begun (202): read the regulation until it is `finished`.
         */
        post: operations["createRegulation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/regulations/{regulationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a regulation
         * @description Its status and what the erasure has found and erased so far.
         */
        get: operations["getRegulation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/reports/collaborators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report per collaborator */
        get: operations["reportByCollaborator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/reports/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report per program */
        get: operations["reportByProgram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/retention-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workspace's retention settings
         * @description How long the workspace keeps each kind of data, in days (null: for ever). Money records and the domain-event log are never pruned.
         */
        get: operations["getRetentionSettings"];
        /**
         * Set a workspace's retention settings
         * @description Replaces the settings whole (every field) and wakes the pruner.
         */
        put: operations["setRetentionSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/settings/rate-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workspace's rate limits
         * @description The limits that apply to the workspace's write keys and API keys: its own where set, the server's defaults elsewhere.
         */
        get: operations["getRateLimits"];
        /**
         * Set a workspace's rate limits
         * @description Replaces both kinds of key's limits; null goes back to the server's default. The operator token only: a workspace's own keys may read the limits, not raise them.
         */
        put: operations["setRateLimits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List transactions */
        get: operations["listTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/transactions/{recordId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a transaction */
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}/transactions/{transactionId}/attribute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit a transaction to a collaborator by hand
         * @description 409 `transaction_already_attributed` when it is credited already, unless `replace` is true.
         */
        post: operations["attributeTransaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a domain event (sale, refund, site visit …)
         * @description The slug names a factory (`site-visited`, `sale`, `refund`, `lead`, `renewal`, `coupon-applied`, plugins' own); the body is that factory's input. An API key with `events:write`, or none for slugs the workspace made public (with `X-Workspace-ID`). Waits until processed unless `?async=true`.
         */
        post: operations["sendDomainEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/stripe/{workspaceId}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's webhook endpoint
         * @description For Stripe to call (the URL `GET …/integrations/stripe` shows): no credential, the `Stripe-Signature` header is checked over the raw body with the workspace's signing secret. An event of a type the integration acts on is stored, once per event id, before the 200; attribution runs afterwards. Bodies up to 1 MB.
         */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/js/tributary.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tracking snippet
         * @description The script a shop's pages load to report visits from referral links; the same for every workspace (its `data-workspace` attribute names one). Gzipped when accepted; cacheable for 5 minutes; readable from any origin.
         */
        get: operations["getTrackingSnippet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/js/workspaces/{workspaceId}/tracking.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A workspace's tracking settings for the snippet
         * @description What the snippet reads before it reports a visit. Public (nothing in it is secret), cacheable for a minute, readable from any origin.
         */
        get: operations["getTrackingSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Needs `METRICS_TOKEN` set on the server; or scrape `METRICS_PORT` on 127.0.0.1 without a token.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI 3.1 description */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's balance per currency */
        get: operations["getPartnerBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My link clicks per day
         * @description The signed-in partner's own clicks, per day and per program.
         */
        get: operations["getPartnerClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/commissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's commissions by status */
        get: operations["listPartnerCommissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's conversions */
        get: operations["listPartnerConversions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's referral links */
        get: operations["listPartnerLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the session belongs to */
        get: operations["getPartnerMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's payouts */
        get: operations["listPartnerPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/programs/{workspaceId}/{programId}/application": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe a program's partner sign-up form
         * @description Public. Only an active program with `enrollment: approval` has one; any other is 404.
         */
        get: operations["getPartnerApplicationForm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/programs/{workspaceId}/{programId}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply to a partner program
         * @description Public, rate limited per address and per program (429 with `Retry-After`). Files a collaborator submission and an `applied` enrollment for an admin to decide. The answer is the same whether the application is new, repeats one (same e-mail, any case) or names a known collaborator.
         */
        post: operations["applyToPartnerProgram"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign out */
        delete: operations["deletePartnerSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a login link for a partner session */
        post: operations["createPartnerSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/v1/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The visits the partner referred
         * @description Each visit the engine recorded for the partner (a `site-visited` event, the snippet after a click on their link, a coupon): the opportunity that ties a visitor to them.
         */
        get: operations["listPartnerVisits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a referral link without a code
         * @description A link with its code cut off: redirected as an unknown code is, to the default landing URL of the oldest workspace that set one (the only one, on a single-shop install).
         */
        get: operations["followEmptyReferralLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a referral link
         * @description A shopper's visit; each GET is counted as a click (HEAD, as link previews send, is redirected but not counted). The link's query string is passed on to the landing page as sent. A live code lands on the landing URL of the oldest active program that has one, else the workspace's default landing URL.
         */
        get: operations["followReferralLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{code}/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a referral link to one program
         * @description A shopper's visit; each GET is counted as a click (HEAD, as link previews send, is redirected but not counted). The link's query string is passed on to the landing page as sent. Lands on that program's page.
         */
        get: operations["followProgramReferralLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers
         * @description Answers 503 `service_unavailable` while the database is unreachable or the server is stopping.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API reference (HTML) */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reference/redoc.standalone.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reference page's renderer (Redoc) */
        get: operations["getApiReferenceScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Siren: list API keys */
        get: operations["listSirenApiKeys"];
        put?: never;
        /** Siren: create an API key */
        post: operations["createSirenApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Siren: revoke an API key */
        delete: operations["revokeSirenApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Siren: list conversions
         * @description Oldest first, `page` by `page`; a bare array as Siren's SDK reads it, the total in `x-siren-estimated-count`.
         */
        get: operations["listSirenConversions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/event/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Siren: report a domain event
         * @description The slug names a factory (`site-visited`, `sale`, `refund`, `lead`, `renewal`, `coupon-applied`, plugins' own); the body is that factory's input. An API key with `events:write`, or none for slugs the workspace made public (with `X-Workspace-ID`). Waits until processed unless `?async=true`.
         */
        post: operations["sendSirenDomainEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/obligations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Siren: list obligations
         * @description Oldest first, `page` by `page`; a bare array as Siren's SDK reads it, the total in `x-siren-estimated-count`.
         */
        get: operations["listSirenObligations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Siren: list payouts
         * @description Oldest first, `page` by `page`; a bare array as Siren's SDK reads it, the total in `x-siren-estimated-count`.
         */
        get: operations["listSirenPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Siren: list transactions
         * @description Oldest first, `page` by `page`; a bare array as Siren's SDK reads it, the total in `x-siren-estimated-count`.
         */
        get: operations["listSirenTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Siren: list webhook subscriptions */
        get: operations["listSirenWebhooks"];
        put?: never;
        /** Siren: subscribe a URL to events */
        post: operations["createSirenWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/siren/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Siren: delete a webhook subscription */
        delete: operations["deleteSirenWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/a": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment alias
         * @description Same as `/v1/alias` (the browser SDK's short path).
         */
        post: operations["segmentAliasShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alias": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment alias
         * @description Segment's `alias` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentAlias"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/b": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment batch (`/v1/b`)
         * @description Up to 500 KB of messages, each up to 32 KB; nothing of a batch with a bad message is written.
         */
        post: operations["segmentBatchShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment batch
         * @description Up to 500 KB of messages, each up to 32 KB; nothing of a batch with a bad message is written.
         */
        post: operations["segmentBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/g": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment group
         * @description Same as `/v1/group` (the browser SDK's short path).
         */
        post: operations["segmentGroupShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment group
         * @description Segment's `group` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/i": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment identify
         * @description Same as `/v1/identify` (the browser SDK's short path).
         */
        post: operations["segmentIdentifyShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment identify
         * @description Segment's `identify` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentIdentify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment batch (`/v1/import`)
         * @description Up to 500 KB of messages, each up to 32 KB; nothing of a batch with a bad message is written.
         */
        post: operations["segmentImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/p": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment page
         * @description Same as `/v1/page` (the browser SDK's short path).
         */
        post: operations["segmentPageShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment page
         * @description Segment's `page` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentPage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{writeKey}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browser SDK settings for a write key
         * @description What analytics.js loads from its CDN URL; the write key in the path is its credential.
         */
        get: operations["getSegmentProjectSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/s": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment screen
         * @description Same as `/v1/screen` (the browser SDK's short path).
         */
        post: operations["segmentScreenShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment screen
         * @description Segment's `screen` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentScreen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/t": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment track
         * @description Same as `/v1/track` (the browser SDK's short path).
         */
        post: operations["segmentTrackShort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Segment track
         * @description Segment's `track` call. Errors also carry `code` and `message` at the top (Segment's Python SDK reads them there).
         */
        post: operations["segmentTrack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The error body of every endpoint. `code` is stable and machine-readable (the catalogue is at `GET /api/v1/errors`); `data.fields` lists every invalid field of a `validation_failed` or `url_not_allowed` answer.
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "message": "The request has invalid fields.",
         *         "data": {
         *           "fields": [
         *             {
         *               "field": "name",
         *               "message": "is required"
         *             }
         *           ]
         *         }
         *       }
         *     }
         */
        ErrorBody: {
            /** @description Segment routes only: the same code as `error.code`. */
            code?: string;
            error: {
                /** @enum {string} */
                code: "invalid_json" | "invalid_request" | "invalid_encoding" | "forbidden_property" | "validation_failed" | "url_not_allowed" | "invalid_signature" | "too_deeply_nested" | "unsupported_media_type" | "payload_too_large" | "batch_too_large" | "headers_too_large" | "request_timeout" | "unauthorized" | "forbidden" | "not_found" | "route_not_found" | "method_not_allowed" | "not_acceptable" | "conflict" | "idempotency_key_reused" | "event_already_reported" | "refund_exceeds_sale" | "transaction_already_attributed" | "metric_period_closed" | "rate_limited" | "internal_error" | "service_unavailable";
                data?: {
                    fields?: {
                        /** @description Dotted path, e.g. `batch.3.event` */
                        field: string;
                        message: string;
                    }[];
                };
                message: string;
            };
            /** @description Segment routes only: the same message as `error.message`. */
            message?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAnalyticsJsChunk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chunk's file name. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The chunk. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
        };
    };
    getAnalyticsJs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The write key the snippet names (not checked here). */
                writeKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The standalone build of @segment/analytics-next. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
        };
    };
    sendClientEvent: {
        parameters: {
            query?: {
                /** @description Wait until processed (default: the API key's sync mode). */
                sync?: "true" | "false" | "1" | "0";
                /** @description Required with the operator token. */
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description `email` or `uid` is required. A repeated `idempotency_key` (or `external_id` per type) answers the first result. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "purchase",
                 *       "email": "ada@example.com",
                 *       "amount": 49.99,
                 *       "external_id": "order-1001"
                 *     }
                 */
                "application/json": {
                    action?: string;
                    amount?: number;
                    email?: string;
                    external_id?: string | number;
                    feature?: string;
                    idempotency_key?: string;
                    metadata?: Record<string, never>;
                    plan?: string;
                    source?: string;
                    status?: string;
                    ts?: string;
                    type: string;
                    uid?: string | number;
                    upgrade?: boolean;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Processed (sync mode). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicate: boolean;
                        /** @description The canonical event id, once processed. */
                        event_id: string | null;
                        /** @description The inbox row id. */
                        id: string;
                        process_error?: string | null;
                        /**
                         * @description `accepted` unless sync mode waited for the outcome.
                         * @enum {string}
                         */
                        status: "accepted" | "success" | "failed" | "blocked";
                    };
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicate: boolean;
                        /** @description The canonical event id, once processed. */
                        event_id: string | null;
                        /** @description The inbox row id. */
                        id: string;
                        process_error?: string | null;
                        /**
                         * @description `accepted` unless sync mode waited for the outcome.
                         * @enum {string}
                         */
                        status: "accepted" | "success" | "failed" | "blocked";
                    };
                };
            };
        };
    };
    sendClientEventsBulk: {
        parameters: {
            query?: {
                /** @description Wait until processed (default: the API key's sync mode). */
                sync?: "true" | "false" | "1" | "0";
                /** @description Required with the operator token. */
                workspace_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    action?: string;
                    amount?: number;
                    email?: string;
                    external_id?: string | number;
                    feature?: string;
                    idempotency_key?: string;
                    metadata?: Record<string, never>;
                    plan?: string;
                    source?: string;
                    status?: string;
                    ts?: string;
                    type: string;
                    uid?: string | number;
                    upgrade?: boolean;
                }[] | {
                    events: {
                        action?: string;
                        amount?: number;
                        email?: string;
                        external_id?: string | number;
                        feature?: string;
                        idempotency_key?: string;
                        metadata?: Record<string, never>;
                        plan?: string;
                        source?: string;
                        status?: string;
                        ts?: string;
                        type: string;
                        uid?: string | number;
                        upgrade?: boolean;
                    }[];
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description All processed (sync mode). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        count: number;
                        results: {
                            duplicate: boolean;
                            /** @description The canonical event id, once processed. */
                            event_id: string | null;
                            /** @description The inbox row id. */
                            id: string;
                            process_error?: string | null;
                            /**
                             * @description `accepted` unless sync mode waited for the outcome.
                             * @enum {string}
                             */
                            status: "accepted" | "success" | "failed" | "blocked";
                        }[];
                        /** @enum {string} */
                        status: "success" | "accepted";
                    };
                };
            };
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        count: number;
                        results: {
                            duplicate: boolean;
                            /** @description The canonical event id, once processed. */
                            event_id: string | null;
                            /** @description The inbox row id. */
                            id: string;
                            process_error?: string | null;
                            /**
                             * @description `accepted` unless sync mode waited for the outcome.
                             * @enum {string}
                             */
                            status: "accepted" | "success" | "failed" | "blocked";
                        }[];
                        /** @enum {string} */
                        status: "success" | "accepted";
                    };
                };
            };
        };
    };
    listErrorCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The catalogue, in declaration order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        description: string;
                        status: number;
                    }[];
                };
            };
        };
    };
    listEventsByKey: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                event_type?: string;
                from?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                /** @description Text search in the event. */
                q?: string;
                source?: string;
                status?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            anonymous_id: string | null;
                            api: string;
                            context: Record<string, never>;
                            email: string | null;
                            event: string | null;
                            event_type: string;
                            group_id: string | null;
                            id: string;
                            inbox_id: string;
                            integrations: Record<string, never>;
                            message_id: string | null;
                            /** Format: date-time */
                            original_timestamp: string | null;
                            previous_id: string | null;
                            properties: Record<string, never>;
                            /** Format: date-time */
                            received_at: string | null;
                            /** Format: date-time */
                            sent_at: string | null;
                            source: string | null;
                            /** @description The `status` the event itself carried, if any. */
                            status: string | null;
                            /** Format: date-time */
                            timestamp: string | null;
                            traits: Record<string, never>;
                            type: string;
                            user_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getEventByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event id. */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A canonical event: one per processed inbox row. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        anonymous_id: string | null;
                        api: string;
                        context: Record<string, never>;
                        email: string | null;
                        event: string | null;
                        event_type: string;
                        group_id: string | null;
                        id: string;
                        inbox_id: string;
                        integrations: Record<string, never>;
                        message_id: string | null;
                        /** Format: date-time */
                        original_timestamp: string | null;
                        previous_id: string | null;
                        properties: Record<string, never>;
                        /** Format: date-time */
                        received_at: string | null;
                        /** Format: date-time */
                        sent_at: string | null;
                        source: string | null;
                        /** @description The `status` the event itself carried, if any. */
                        status: string | null;
                        /** Format: date-time */
                        timestamp: string | null;
                        traits: Record<string, never>;
                        type: string;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    listIncomingEventsByKey: {
        parameters: {
            query?: {
                /** @description segment, workspace, client, attribution … */
                api?: string;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                from?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                status?: "received" | "processing" | "processed" | "failed" | "blocked";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            api: string;
                            /** @description The canonical event, once processed. */
                            event_id: string | null;
                            id: string;
                            idempotency_key: string | null;
                            message_id: string | null;
                            /** Format: date-time */
                            next_attempt_at: string | null;
                            /** @description The event as sent. */
                            payload: unknown;
                            process_error: string | null;
                            /** Format: date-time */
                            processed_at: string | null;
                            /** Format: date-time */
                            received_at: string | null;
                            retry_count: number;
                            retryable: boolean;
                            /** @enum {string} */
                            status: "received" | "processing" | "processed" | "failed" | "blocked";
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                        /** @description Accepted events not split into inbox rows yet. */
                        pending: number;
                    };
                };
            };
        };
    };
    getIncomingEventByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The inbox row id. */
                inboxId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An inbox row: one accepted event, as received, and where it is in processing. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api: string;
                        /** @description The canonical event, once processed. */
                        event_id: string | null;
                        id: string;
                        idempotency_key: string | null;
                        message_id: string | null;
                        /** Format: date-time */
                        next_attempt_at: string | null;
                        /** @description The event as sent. */
                        payload: unknown;
                        process_error: string | null;
                        /** Format: date-time */
                        processed_at: string | null;
                        /** Format: date-time */
                        received_at: string | null;
                        retry_count: number;
                        retryable: boolean;
                        /** @enum {string} */
                        status: "received" | "processing" | "processed" | "failed" | "blocked";
                    };
                };
            };
        };
    };
    retryIncomingEventByKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The inbox row id. */
                inboxId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An inbox row: one accepted event, as received, and where it is in processing. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api: string;
                        /** @description The canonical event, once processed. */
                        event_id: string | null;
                        id: string;
                        idempotency_key: string | null;
                        message_id: string | null;
                        /** Format: date-time */
                        next_attempt_at: string | null;
                        /** @description The event as sent. */
                        payload: unknown;
                        process_error: string | null;
                        /** Format: date-time */
                        processed_at: string | null;
                        /** Format: date-time */
                        received_at: string | null;
                        retry_count: number;
                        retryable: boolean;
                        /** @enum {string} */
                        status: "received" | "processing" | "processed" | "failed" | "blocked";
                    };
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at: string | null;
                            id: string;
                            name: string;
                            slug: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme shop",
                 *       "slug": "acme"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** @description Derived from the name when left out. */
                    slug?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The workspace. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        id: string;
                        name: string;
                        slug: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        id: string;
                        name: string;
                        slug: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The workspace's API keys, revoked ones too; never their secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        /** Format: date-time */
                        createdAt?: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        /** Format: date-time */
                        expiresAt?: string | null;
                        id: number;
                        key_prefix: string;
                        keyPrefix?: string;
                        label: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        /** Format: date-time */
                        lastUsedAt?: string | null;
                        scopes: ("events:write" | "events:read" | "admin")[];
                        /** @enum {string} */
                        status: "active" | "revoked";
                        sync_mode: boolean;
                        workspace_id: string;
                    }[];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "Checkout server",
                 *       "scopes": [
                 *         "events:write"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description An ISO-8601 time in the future. */
                    expires_at?: string;
                    label?: string;
                    /** @description Same as `label` (Siren's name for it). */
                    name?: string;
                    /** @description Leave out for full access; never empty. */
                    scopes?: ("events:write" | "events:read" | "admin")[];
                    /** @description Event calls wait until the event is processed. */
                    sync_mode?: boolean;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The key, with its secret (shown once). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        /** Format: date-time */
                        createdAt?: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        /** Format: date-time */
                        expiresAt?: string | null;
                        id: number;
                        /** @description The secret; shown once. */
                        key: string;
                        key_prefix: string;
                        keyPrefix?: string;
                        label: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        /** Format: date-time */
                        lastUsedAt?: string | null;
                        rawKey?: string;
                        scopes: ("events:write" | "events:read" | "admin")[];
                        /** @enum {string} */
                        status: "active" | "revoked";
                        sync_mode: boolean;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The API key id. */
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        /** Format: date-time */
                        createdAt?: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        /** Format: date-time */
                        expiresAt?: string | null;
                        id: number;
                        key_prefix: string;
                        keyPrefix?: string;
                        label: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        /** Format: date-time */
                        lastUsedAt?: string | null;
                        scopes: ("events:write" | "events:read" | "admin")[];
                        /** @enum {string} */
                        status: "active" | "revoked";
                        sync_mode: boolean;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getAttributionSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowed_origins: string[];
                        public_slugs: string[];
                    };
                };
            };
        };
    };
    setAttributionSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowed_origins: string[];
                    default_landing_url?: string | null;
                    public_slugs: "site-visited"[];
                    public_visits?: boolean;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowed_origins: string[];
                        public_slugs: string[];
                    };
                };
            };
        };
    };
    getWorkspaceClicks: {
        parameters: {
            query?: {
                /** @description The first UTC day (`YYYY-MM-DD`), included; 29 days before `to` by default. The range covers at most 366 days. */
                from?: string;
                /** @description The last UTC day (`YYYY-MM-DD`), included; today by default. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Clicks over the range: totals, per day, per collaborator and per program. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Per collaborator, by id; null is a click with an unknown or expired code. */
                        by_collaborator: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            collaborator_id: number | null;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /** @description Per program, by id; null is a click that reached no program (the default landing page). */
                        by_program: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                            program_id: number | null;
                        }[];
                        /** @description Clicks on a live link. */
                        clicks: number;
                        /** @description Every day of the range, in order, zeros included. */
                        days: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /**
                             * Format: date
                             * @description A UTC day, `YYYY-MM-DD`.
                             */
                            day: string;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        from: string;
                        /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                        invalid_clicks: number;
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        to: string;
                    };
                };
            };
        };
    };
    listCollaboratorSubmissions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "pending" | "approved" | "rejected";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            code?: string | null;
                            collaborator_id?: number | null;
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            fields: Record<string, never>;
                            id: number;
                            inbound_event_id?: string | null;
                            name: string;
                            reason?: string | null;
                            referral_code?: string | null;
                            /** @enum {string} */
                            status: "pending" | "approved" | "rejected";
                            /** Format: date-time */
                            updated_at?: string;
                            user_id?: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createCollaboratorSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    approve?: boolean;
                    code?: string | null;
                    email?: string | null;
                    fields?: Record<string, never>;
                    name: string;
                    user_id?: string | number | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The submission. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action_event_id?: string;
                        code?: string | null;
                        collaborator_id?: number | null;
                        /** Format: date-time */
                        created_at?: string;
                        email?: string | null;
                        fields: Record<string, never>;
                        id: number;
                        inbound_event_id?: string | null;
                        name: string;
                        reason?: string | null;
                        referral_code?: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        /** Format: date-time */
                        updated_at?: string;
                        user_id?: string | null;
                    };
                };
            };
        };
    };
    approveCollaboratorSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The submission id. */
                submissionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The submission, with the collaborator and referral code it created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action_event_id?: string;
                        code?: string | null;
                        collaborator_id?: number | null;
                        /** Format: date-time */
                        created_at?: string;
                        email?: string | null;
                        fields: Record<string, never>;
                        id: number;
                        inbound_event_id?: string | null;
                        name: string;
                        reason?: string | null;
                        referral_code?: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        /** Format: date-time */
                        updated_at?: string;
                        user_id?: string | null;
                    };
                };
            };
        };
    };
    rejectCollaboratorSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The submission id. */
                submissionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The submission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action_event_id?: string;
                        code?: string | null;
                        collaborator_id?: number | null;
                        /** Format: date-time */
                        created_at?: string;
                        email?: string | null;
                        fields: Record<string, never>;
                        id: number;
                        inbound_event_id?: string | null;
                        name: string;
                        reason?: string | null;
                        referral_code?: string | null;
                        /** @enum {string} */
                        status: "pending" | "approved" | "rejected";
                        /** Format: date-time */
                        updated_at?: string;
                        user_id?: string | null;
                    };
                };
            };
        };
    };
    listCollaborators: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                email?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "active" | "pending" | "inactive" | "banned";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at: string | null;
                            email: string | null;
                            id: number;
                            name: string;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                            user_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createCollaborator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada Lovelace",
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": {
                    email?: string | null;
                    name: string;
                    /** @enum {unknown} */
                    status?: "active" | "pending" | "inactive" | "banned";
                    user_id?: string | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The collaborator. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        email: string | null;
                        id: number;
                        name: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    getCollaborator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The collaborator. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        email: string | null;
                        id: number;
                        name: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    deleteCollaborator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateCollaborator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string | null;
                    name?: string;
                    /** @enum {unknown} */
                    status?: "active" | "pending" | "inactive" | "banned";
                    user_id?: string | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The collaborator. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        email: string | null;
                        id: number;
                        name: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    getCollaboratorClicks: {
        parameters: {
            query?: {
                /** @description The first UTC day (`YYYY-MM-DD`), included; 29 days before `to` by default. The range covers at most 366 days. */
                from?: string;
                /** @description The last UTC day (`YYYY-MM-DD`), included; today by default. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The collaborator's clicks over the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Per collaborator, by id; null is a click with an unknown or expired code. */
                        by_collaborator: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            collaborator_id: number | null;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /** @description Per program, by id; null is a click that reached no program (the default landing page). */
                        by_program: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                            program_id: number | null;
                        }[];
                        /** @description Clicks on a live link. */
                        clicks: number;
                        /** @description Every day of the range, in order, zeros included. */
                        days: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /**
                             * Format: date
                             * @description A UTC day, `YYYY-MM-DD`.
                             */
                            day: string;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        from: string;
                        /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                        invalid_clicks: number;
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        to: string;
                    };
                };
            };
        };
    };
    listCollaboratorEnrollments: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "applied" | "invited" | "approved" | "rejected" | "removed";
            };
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            id: number;
                            program_id: number;
                            /** @enum {unknown} */
                            status: "applied" | "invited" | "approved" | "rejected" | "removed";
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getCollaboratorLedger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Every money movement of the collaborator, and the balance per currency. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        balance: unknown;
                        collaborator_id: number;
                        data: unknown[];
                    };
                };
            };
        };
    };
    createLoginLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "expires_in_minutes": 60
                 *     }
                 */
                "application/json": {
                    expires_in_minutes?: number;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The link and when it expires. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expires_at: string | null;
                        /** @description The portal with the one-time token in its fragment (`/partners#login=trb_pl_…`). */
                        url: string;
                    };
                };
            };
        };
    };
    listReferralCodes: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            code: string;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            id: number;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createReferralCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Generated when left out. */
                    code?: string;
                    /** @description ISO-8601; null or absent: never. */
                    expires_at?: string | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        id: number;
                    };
                };
            };
        };
    };
    deleteReferralCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The code id. */
                codeId: string;
                /** @description The collaborator id. */
                collaboratorId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listConversions: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Created at or after. */
                from?: string;
                kind?: "sale" | "lead";
                /** @description Rows per page, 1–200. */
                limit?: number;
                opportunity_id?: number;
                program_id?: number;
                status?: "pending" | "approved" | "rejected";
                /** @description Created before. */
                to?: string;
                transaction_id?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            engagement_id: number | null;
                            /** @description The fraud rules that flagged it for review; null when none did. */
                            fraud_reasons: string[] | null;
                            id: number;
                            kind: string;
                            opportunity_id: number | null;
                            program_id: number;
                            /** Format: date-time */
                            reviewed_at: string | null;
                            status: string;
                            transaction_id: number | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getConversion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The conversion id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The conversion. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency` (cents for USD). */
                        amount: number;
                        collaborator_id: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description ISO 4217, upper case. */
                        currency: string;
                        engagement_id: number | null;
                        /** @description The fraud rules that flagged it for review; null when none did. */
                        fraud_reasons: string[] | null;
                        id: number;
                        kind: string;
                        opportunity_id: number | null;
                        program_id: number;
                        /** Format: date-time */
                        reviewed_at: string | null;
                        status: string;
                        transaction_id: number | null;
                    };
                };
            };
        };
    };
    approveConversion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The conversion id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The conversion after the review, with the id of the domain-event flow it ran in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency` (cents for USD). */
                        amount: number;
                        collaborator_id: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description ISO 4217, upper case. */
                        currency: string;
                        engagement_id: number | null;
                        /** @description The fraud rules that flagged it for review; null when none did. */
                        fraud_reasons: string[] | null;
                        id: number;
                        inbound_event_id?: string | null;
                        kind: string;
                        opportunity_id: number | null;
                        program_id: number;
                        /** Format: date-time */
                        reviewed_at: string | null;
                        status: string;
                        transaction_id: number | null;
                    };
                };
            };
        };
    };
    rejectConversion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The conversion id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The conversion after the review, with the id of the domain-event flow it ran in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency` (cents for USD). */
                        amount: number;
                        collaborator_id: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description ISO 4217, upper case. */
                        currency: string;
                        engagement_id: number | null;
                        /** @description The fraud rules that flagged it for review; null when none did. */
                        fraud_reasons: string[] | null;
                        id: number;
                        inbound_event_id?: string | null;
                        kind: string;
                        opportunity_id: number | null;
                        program_id: number;
                        /** Format: date-time */
                        reviewed_at: string | null;
                        status: string;
                        transaction_id: number | null;
                    };
                };
            };
        };
    };
    listCoupons: {
        parameters: {
            query?: {
                code?: string;
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "active" | "inactive";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            code: string;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            id: number;
                            status: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "ADA10",
                 *       "collaborator_id": 1
                 *     }
                 */
                "application/json": {
                    code: string;
                    collaborator_id: number;
                    /** @enum {unknown} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The coupon. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        id: number;
                        status: string;
                    };
                };
            };
        };
    };
    getCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The coupon id. */
                couponId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The coupon. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        id: number;
                        status: string;
                    };
                };
            };
        };
    };
    deleteCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The coupon id. */
                couponId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                destination_id?: string;
                event_id?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                status?: "pending" | "delivering" | "delivered" | "failed" | "dead" | "dropped";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            attempt_count: number;
                            attempts: {
                                /** Format: date-time */
                                attempted_at: string | null;
                                error: string | null;
                                latency_ms: number | null;
                                status_code: number | null;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            delivered_at: string | null;
                            destination_id: string;
                            event_id: string;
                            id: string;
                            last_error: string | null;
                            last_status_code: number | null;
                            /** Format: date-time */
                            next_attempt_at: string | null;
                            /** Format: date-time */
                            retry_deadline: string | null;
                            rule_id: string | null;
                            /** @enum {string} */
                            status: "pending" | "delivering" | "delivered" | "failed" | "dead" | "dropped";
                            transformation_id: string | null;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description The `webhook-id` header, the same on every retry. */
                            webhook_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery id. */
                deliveryId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The delivery with its attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempt_count: number;
                        attempts: {
                            /** Format: date-time */
                            attempted_at: string | null;
                            error: string | null;
                            latency_ms: number | null;
                            status_code: number | null;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        delivered_at: string | null;
                        destination_id: string;
                        event_id: string;
                        id: string;
                        last_error: string | null;
                        last_status_code: number | null;
                        /** Format: date-time */
                        next_attempt_at: string | null;
                        /** Format: date-time */
                        retry_deadline: string | null;
                        rule_id: string | null;
                        /** @enum {string} */
                        status: "pending" | "delivering" | "delivered" | "failed" | "dead" | "dropped";
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The `webhook-id` header, the same on every retry. */
                        webhook_id: string | null;
                    };
                };
            };
        };
    };
    replayDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The delivery id. */
                deliveryId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The delivery, queued again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempt_count: number;
                        attempts: {
                            /** Format: date-time */
                            attempted_at: string | null;
                            error: string | null;
                            latency_ms: number | null;
                            status_code: number | null;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        delivered_at: string | null;
                        destination_id: string;
                        event_id: string;
                        id: string;
                        last_error: string | null;
                        last_status_code: number | null;
                        /** Format: date-time */
                        next_attempt_at: string | null;
                        /** Format: date-time */
                        retry_deadline: string | null;
                        rule_id: string | null;
                        /** @enum {string} */
                        status: "pending" | "delivering" | "delivered" | "failed" | "dead" | "dropped";
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The `webhook-id` header, the same on every retry. */
                        webhook_id: string | null;
                    };
                };
            };
        };
    };
    replayDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        /** @description Which deliveries to send again; by default every dead letter. */
        requestBody: {
            content: {
                "application/json": {
                    destination_id?: string;
                    event_id?: string;
                    /**
                     * @default dead
                     * @enum {unknown}
                     */
                    status?: "delivered" | "failed" | "dead" | "dropped";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description How many were queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: number;
                    };
                };
            };
        };
    };
    listDestinationTypes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destination types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description The JSON Schema of the type's `config`; secret fields carry `x-secret: true` and `writeOnly`. */
                            config_schema: Record<string, never>;
                            description: string;
                            /** @description What a destination's `type` names. */
                            id: string;
                            limits: {
                                /** @description Most bytes in one request. */
                                max_bytes: number;
                                /** @description Most events in one request. */
                                max_events: number;
                                /** @description How long a partial batch may wait for more events. */
                                max_wait_ms: number;
                                /** @description Default requests per second for new destinations; null: none. */
                                rate_limit: number | null;
                            };
                            /** @description The config fields that are write-only and masked in answers. */
                            secret_fields: string[];
                            title: string;
                            /**
                             * @description `http`: requests to a URL; `connection`: a connection the server keeps (a warehouse, a queue).
                             * @enum {unknown}
                             */
                            transport: "http" | "connection";
                        }[];
                    };
                };
            };
        };
    };
    listDestinations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destinations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_size: number;
                        config?: Record<string, never>;
                        /** Format: date-time */
                        created_at: string | null;
                        disabled_reason: string | null;
                        enabled: boolean;
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        name: string;
                        /** Format: date-time */
                        previous_secret_expires_at: string | null;
                        rate_limit: number | null;
                        type: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        url: string;
                        workspace_id: string;
                    }[];
                };
            };
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch_size?: number;
                    /** @description The type's config, validated by the type's JSON Schema; secret fields are write-only. */
                    config?: Record<string, never>;
                    enabled?: boolean;
                    /** @description A webhook's headers, sent with every delivery; secret-looking values are masked in answers. */
                    headers?: {
                        [key: string]: string;
                    };
                    name: string;
                    /** @description Requests per second at most. */
                    rate_limit?: number | null;
                    /** @description A registered destination type (`GET …/destination-types`); `webhook` when absent. */
                    type?: string;
                    /** @description A webhook's URL: http(s); private addresses are refused unless the server allows them. */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destination, with its signing secret (shown once). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_size: number;
                        config?: Record<string, never>;
                        /** Format: date-time */
                        created_at: string | null;
                        disabled_reason: string | null;
                        enabled: boolean;
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        name: string;
                        /** Format: date-time */
                        previous_secret_expires_at: string | null;
                        rate_limit: number | null;
                        /** @description The `whsec_` secret (Standard Webhooks); shown once. */
                        signing_secret: string;
                        type: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The destination id. */
                destinationId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destination. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_size: number;
                        config?: Record<string, never>;
                        /** Format: date-time */
                        created_at: string | null;
                        disabled_reason: string | null;
                        enabled: boolean;
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        name: string;
                        /** Format: date-time */
                        previous_secret_expires_at: string | null;
                        rate_limit: number | null;
                        type: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    updateDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The destination id. */
                destinationId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch_size?: number;
                    /** @description The type's config, validated by the type's JSON Schema; secret fields are write-only. */
                    config?: Record<string, never>;
                    enabled?: boolean;
                    /** @description A webhook's headers, sent with every delivery; secret-looking values are masked in answers. */
                    headers?: {
                        [key: string]: string;
                    };
                    name?: string;
                    /** @description Requests per second at most. */
                    rate_limit?: number | null;
                    /** @description A registered destination type (`GET …/destination-types`); `webhook` when absent. */
                    type?: string;
                    /** @description A webhook's URL: http(s); private addresses are refused unless the server allows them. */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destination. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_size: number;
                        config?: Record<string, never>;
                        /** Format: date-time */
                        created_at: string | null;
                        disabled_reason: string | null;
                        enabled: boolean;
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        name: string;
                        /** Format: date-time */
                        previous_secret_expires_at: string | null;
                        rate_limit: number | null;
                        type: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    deleteDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The destination id. */
                destinationId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    rotateDestinationSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The destination id. */
                destinationId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The destination with its new secret (shown once). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch_size: number;
                        config?: Record<string, never>;
                        /** Format: date-time */
                        created_at: string | null;
                        disabled_reason: string | null;
                        enabled: boolean;
                        headers: {
                            [key: string]: string;
                        };
                        id: string;
                        name: string;
                        /** Format: date-time */
                        previous_secret_expires_at: string | null;
                        rate_limit: number | null;
                        /** @description The `whsec_` secret (Standard Webhooks); shown once. */
                        signing_secret: string;
                        type: string;
                        /** Format: date-time */
                        updated_at: string | null;
                        url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    testDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The destination id. */
                destinationId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description How the test went. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The verdict in words. */
                        classification: string;
                        error: string | null;
                        latency_ms: number;
                        /** @description True only when the destination accepted the event. */
                        ok: boolean;
                        /** @description What the destination answered, shortened. */
                        response: string | null;
                        retry_after_ms: number | null;
                        /** @description The HTTP status; null for non-HTTP peers and when no answer came. */
                        status_code: number | null;
                        /**
                         * @description What deliveries would do with this answer.
                         * @enum {unknown}
                         */
                        verdict: "delivered" | "retry" | "final" | "gone";
                    };
                };
            };
        };
    };
    listDistributions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "active" | "inactive";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at?: string | null;
                            id: number;
                            metric: string;
                            name: string;
                            /** @enum {string} */
                            period: "daily" | "weekly" | "monthly";
                            pool: {
                                currency: string;
                                /** @enum {unknown} */
                                type: "fixed" | "metric_share";
                            };
                            /** @enum {string} */
                            status: "active" | "inactive";
                            /** Format: date-time */
                            updated_at?: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Monthly bonus pool",
                 *       "metric": "referred_revenue",
                 *       "pool": {
                 *         "type": "fixed",
                 *         "amount": 100000,
                 *         "currency": "USD"
                 *       },
                 *       "period": "monthly"
                 *     }
                 */
                "application/json": {
                    metric: string;
                    name: string;
                    /** @enum {unknown} */
                    period: "daily" | "weekly" | "monthly";
                    pool: {
                        amount?: number;
                        basis_points?: number;
                        /** Format: currency */
                        currency: string;
                        metric?: string;
                        /** @enum {unknown} */
                        type: "fixed" | "metric_share";
                    };
                    /** @enum {unknown} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The distribution. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        metric: string;
                        name: string;
                        /** @enum {string} */
                        period: "daily" | "weekly" | "monthly";
                        pool: {
                            currency: string;
                            /** @enum {unknown} */
                            type: "fixed" | "metric_share";
                        };
                        /** @enum {string} */
                        status: "active" | "inactive";
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    getDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The distribution id. */
                distributionId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The distribution. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        metric: string;
                        name: string;
                        /** @enum {string} */
                        period: "daily" | "weekly" | "monthly";
                        pool: {
                            currency: string;
                            /** @enum {unknown} */
                            type: "fixed" | "metric_share";
                        };
                        /** @enum {string} */
                        status: "active" | "inactive";
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    deleteDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The distribution id. */
                distributionId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The distribution id. */
                distributionId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    metric?: string;
                    name?: string;
                    /** @enum {unknown} */
                    period?: "daily" | "weekly" | "monthly";
                    pool?: {
                        amount?: number;
                        basis_points?: number;
                        /** Format: currency */
                        currency: string;
                        metric?: string;
                        /** @enum {unknown} */
                        type: "fixed" | "metric_share";
                    };
                    /** @enum {unknown} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The distribution. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        metric: string;
                        name: string;
                        /** @enum {string} */
                        period: "daily" | "weekly" | "monthly";
                        pool: {
                            currency: string;
                            /** @enum {unknown} */
                            type: "fixed" | "metric_share";
                        };
                        /** @enum {string} */
                        status: "active" | "inactive";
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    listDistributionRuns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The distribution id. */
                distributionId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The runs with their allocations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            allocations: {
                                amount: number;
                                collaborator_id: number;
                            }[];
                            /** Format: date-time */
                            created_at?: string | null;
                            currency: string;
                            distribution_id: number;
                            id: number;
                            inbound_event_id?: string | null;
                            metric_total?: unknown;
                            /** Format: date-time */
                            period_end: string | null;
                            /** Format: date-time */
                            period_start: string | null;
                            /** @description Minor units shared out in this period. */
                            pool: number;
                        }[];
                    };
                };
            };
        };
    };
    runDistributions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ISO-8601; the periods ended by then run. Default: now. */
                    at?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The runs this call made. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            allocations: {
                                amount: number;
                                collaborator_id: number;
                            }[];
                            /** Format: date-time */
                            created_at?: string | null;
                            currency: string;
                            distribution_id: number;
                            id: number;
                            inbound_event_id?: string | null;
                            metric_total?: unknown;
                            /** Format: date-time */
                            period_end: string | null;
                            /** Format: date-time */
                            period_start: string | null;
                            /** @description Minor units shared out in this period. */
                            pool: number;
                        }[];
                    };
                };
            };
        };
    };
    listDomainEvents: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                inbound_event_id?: string;
                /** @description Rows per page, 1–1000. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at?: string;
                            id: number;
                            inbound_event_id: string;
                            name: string;
                            payload: unknown;
                            sequence: number;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listEngagements: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Created at or after. */
                from?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                opportunity_id?: number;
                program_id?: number;
                status?: "active" | "completed" | "superseded";
                /** @description Created before. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            collaborator_id: number | null;
                            /** Format: date-time */
                            completed_at: string | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            id: number;
                            opportunity_id: number;
                            program_id: number;
                            status: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getEngagement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The engagement id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The engagement. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        collaborator_id: number | null;
                        /** Format: date-time */
                        completed_at: string | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        id: number;
                        opportunity_id: number;
                        program_id: number;
                        status: string;
                    };
                };
            };
        };
    };
    listEventBindings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at?: string;
                            enabled: boolean;
                            event_name: string;
                            event_type: string;
                            id: number;
                            mapping: Record<string, never>;
                            slug: string;
                            template?: string | null;
                            /** Format: date-time */
                            updated_at?: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createEventBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled?: boolean;
                    event_name?: string;
                    /** @enum {unknown} */
                    event_type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    mapping?: Record<string, never>;
                    slug?: string;
                    /** @enum {unknown} */
                    template?: "segment-order-completed" | "segment-order-refunded" | "segment-signed-up";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The binding. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string;
                        enabled: boolean;
                        event_name: string;
                        event_type: string;
                        id: number;
                        mapping: Record<string, never>;
                        slug: string;
                        template?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
        };
    };
    getEventBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The binding id. */
                bindingId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The binding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string;
                        enabled: boolean;
                        event_name: string;
                        event_type: string;
                        id: number;
                        mapping: Record<string, never>;
                        slug: string;
                        template?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
        };
    };
    deleteEventBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The binding id. */
                bindingId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateEventBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The binding id. */
                bindingId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled?: boolean;
                    event_name?: string;
                    /** @enum {unknown} */
                    event_type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    mapping?: Record<string, never>;
                    slug?: string;
                    /** @enum {unknown} */
                    template?: "segment-order-completed" | "segment-order-refunded" | "segment-signed-up";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The binding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string;
                        enabled: boolean;
                        event_name: string;
                        event_type: string;
                        id: number;
                        mapping: Record<string, never>;
                        slug: string;
                        template?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                    };
                };
            };
        };
    };
    listBindingTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Segment e-commerce templates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: Record<string, never>[];
                    };
                };
            };
        };
    };
    listContracts: {
        parameters: {
            query?: {
                event_name?: string;
                event_type?: string;
                status?: "active" | "archived";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The contracts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @enum {string} */
                        enforcement_mode: "allow" | "warn" | "block";
                        event_name: string | null;
                        /** @enum {string} */
                        event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        id: string;
                        name: string;
                        schema_definition: Record<string, never>;
                        /** @enum {string} */
                        status: "active" | "archived";
                        /** @enum {string} */
                        undeclared_fields: "allow" | "warn" | "block";
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    }[];
                };
            };
        };
    };
    createContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Order Completed",
                 *       "event_type": "track",
                 *       "event_name": "Order Completed",
                 *       "schema_definition": {
                 *         "type": "object",
                 *         "required": [
                 *           "properties"
                 *         ],
                 *         "properties": {
                 *           "properties": {
                 *             "type": "object",
                 *             "required": [
                 *               "order_id"
                 *             ]
                 *           }
                 *         }
                 *       },
                 *       "enforcement_mode": "block"
                 *     }
                 */
                "application/json": {
                    description?: string | null;
                    /**
                     * @description What a violation does; default `warn`.
                     * @enum {unknown}
                     */
                    enforcement_mode?: "allow" | "warn" | "block";
                    /** @description Empty, `*` or null: every event of the type. */
                    event_name?: string | null;
                    /** @enum {unknown} */
                    event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    name: string;
                    /** @description A JSON Schema (draft-07 or 2020-12) for the event. */
                    schema_definition: Record<string, never>;
                    /** @enum {unknown} */
                    status?: "active" | "archived";
                    /**
                     * @description What a field the schema does not declare does; default `allow`.
                     * @enum {unknown}
                     */
                    undeclared_fields?: "allow" | "warn" | "block";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The contract. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @enum {string} */
                        enforcement_mode: "allow" | "warn" | "block";
                        event_name: string | null;
                        /** @enum {string} */
                        event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        id: string;
                        name: string;
                        schema_definition: Record<string, never>;
                        /** @enum {string} */
                        status: "active" | "archived";
                        /** @enum {string} */
                        undeclared_fields: "allow" | "warn" | "block";
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The contract id. */
                contractId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The contract. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @enum {string} */
                        enforcement_mode: "allow" | "warn" | "block";
                        event_name: string | null;
                        /** @enum {string} */
                        event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        id: string;
                        name: string;
                        schema_definition: Record<string, never>;
                        /** @enum {string} */
                        status: "active" | "archived";
                        /** @enum {string} */
                        undeclared_fields: "allow" | "warn" | "block";
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    updateContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The contract id. */
                contractId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    /**
                     * @description What a violation does; default `warn`.
                     * @enum {unknown}
                     */
                    enforcement_mode?: "allow" | "warn" | "block";
                    /** @description Empty, `*` or null: every event of the type. */
                    event_name?: string | null;
                    /** @enum {unknown} */
                    event_type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    name?: string;
                    /** @description A JSON Schema (draft-07 or 2020-12) for the event. */
                    schema_definition?: Record<string, never>;
                    /** @enum {unknown} */
                    status?: "active" | "archived";
                    /**
                     * @description What a field the schema does not declare does; default `allow`.
                     * @enum {unknown}
                     */
                    undeclared_fields?: "allow" | "warn" | "block";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The contract. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @enum {string} */
                        enforcement_mode: "allow" | "warn" | "block";
                        event_name: string | null;
                        /** @enum {string} */
                        event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        id: string;
                        name: string;
                        schema_definition: Record<string, never>;
                        /** @enum {string} */
                        status: "active" | "archived";
                        /** @enum {string} */
                        undeclared_fields: "allow" | "warn" | "block";
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    deleteContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The contract id. */
                contractId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The deleted contract. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @enum {string} */
                        enforcement_mode: "allow" | "warn" | "block";
                        event_name: string | null;
                        /** @enum {string} */
                        event_type: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        id: string;
                        name: string;
                        schema_definition: Record<string, never>;
                        /** @enum {string} */
                        status: "active" | "archived";
                        /** @enum {string} */
                        undeclared_fields: "allow" | "warn" | "block";
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    listContractViolations: {
        parameters: {
            query?: {
                action?: "warn" | "block";
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                event_id?: string;
                from?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                path?: string;
                rule?: string;
                to?: string;
            };
            header?: never;
            path: {
                /** @description The contract id. */
                contractId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @enum {string} */
                            action: "warn" | "block";
                            contract_id: string;
                            /** Format: date-time */
                            created_at?: string | null;
                            event_id: string | null;
                            event_name?: string | null;
                            event_type?: string | null;
                            id: string;
                            message: string;
                            path?: string | null;
                            rule?: string | null;
                            value_type?: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listForwardingRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        destination_id: string;
                        enabled: boolean;
                        event_names: string[];
                        event_types: string[];
                        id: string;
                        name: string;
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    }[];
                };
            };
        };
    };
    createForwardingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Orders to the order service",
                 *       "destination_id": "0190f0c2-…",
                 *       "event_types": [
                 *         "track"
                 *       ],
                 *       "event_names": [
                 *         "Order Completed"
                 *       ]
                 *     }
                 */
                "application/json": {
                    destination_id: string;
                    enabled?: boolean;
                    /** @description Empty: every name. */
                    event_names?: string[];
                    /** @description Empty: every type. */
                    event_types?: ("track" | "identify" | "page" | "screen" | "group" | "alias")[];
                    name: string;
                    transformation_id?: string | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rule. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        destination_id: string;
                        enabled: boolean;
                        event_names: string[];
                        event_types: string[];
                        id: string;
                        name: string;
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getForwardingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The rule id. */
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        destination_id: string;
                        enabled: boolean;
                        event_names: string[];
                        event_types: string[];
                        id: string;
                        name: string;
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    updateForwardingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The rule id. */
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    destination_id?: string;
                    enabled?: boolean;
                    /** @description Empty: every name. */
                    event_names?: string[];
                    /** @description Empty: every type. */
                    event_types?: ("track" | "identify" | "page" | "screen" | "group" | "alias")[];
                    name?: string;
                    transformation_id?: string | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        destination_id: string;
                        enabled: boolean;
                        event_names: string[];
                        event_types: string[];
                        id: string;
                        name: string;
                        transformation_id: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    deleteForwardingRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The rule id. */
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listWriteKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The workspace's write keys, revoked ones too. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        created_by: string | null;
                        /** @enum {string} */
                        environment: "production" | "development";
                        id: string;
                        key_prefix: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        name: string;
                        pubsub_topic: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    }[];
                };
            };
        };
    };
    createWriteKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Web site",
                 *       "environment": "production"
                 *     }
                 */
                "application/json": {
                    /**
                     * @default production
                     * @enum {unknown}
                     */
                    environment?: "production" | "development";
                    name: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The write key, with the full key (shown once). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        created_by: string | null;
                        /** @enum {string} */
                        environment: "production" | "development";
                        id: string;
                        /** @description The full write key; shown once. */
                        key: string;
                        key_prefix: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        name: string;
                        pubsub_topic: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    revokeWriteKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The write key id. */
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string | null;
                        created_by: string | null;
                        /** @enum {string} */
                        environment: "production" | "development";
                        id: string;
                        key_prefix: string;
                        /** Format: date-time */
                        last_used_at: string | null;
                        name: string;
                        pubsub_topic: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /** Format: date-time */
                        updated_at: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    listTransformations: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                status?: "draft" | "active" | "error";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at?: string | null;
                            description?: string | null;
                            /** @description Why the test run failed (status `error`). */
                            error: string | null;
                            id: string;
                            name: string;
                            source_code: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "error";
                            test_input?: Record<string, never> | null;
                            test_output?: unknown;
                            /** Format: date-time */
                            updated_at?: string | null;
                            workspace_id: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createTransformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Drop test users",
                 *       "source_code": "function transform(event) { return event.userId?.startsWith(\"test-\") ? null : event; }",
                 *       "test_input": {
                 *         "type": "track",
                 *         "userId": "test-1",
                 *         "event": "Viewed"
                 *       },
                 *       "test_output": null
                 *     }
                 */
                "application/json": {
                    description?: string | null;
                    name: string;
                    /** @description JavaScript defining `transform(event)`; at most 65536 bytes. */
                    source_code: string;
                    /** @enum {unknown} */
                    status?: "draft" | "active";
                    /** @description An event to run the code on before activating it. */
                    test_input?: Record<string, never>;
                    /** @description What the code must return for `test_input` (null: dropped). */
                    test_output?: null | Record<string, never> | Record<string, never>[];
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The transformation. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @description Why the test run failed (status `error`). */
                        error: string | null;
                        id: string;
                        name: string;
                        source_code: string;
                        /** @enum {string} */
                        status: "draft" | "active" | "error";
                        test_input?: Record<string, never> | null;
                        test_output?: unknown;
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getTransformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transformation id. */
                txId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The transformation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @description Why the test run failed (status `error`). */
                        error: string | null;
                        id: string;
                        name: string;
                        source_code: string;
                        /** @enum {string} */
                        status: "draft" | "active" | "error";
                        test_input?: Record<string, never> | null;
                        test_output?: unknown;
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    updateTransformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transformation id. */
                txId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
                    name?: string;
                    /** @description JavaScript defining `transform(event)`; at most 65536 bytes. */
                    source_code?: string;
                    /** @enum {unknown} */
                    status?: "draft" | "active";
                    /** @description An event to run the code on before activating it. */
                    test_input?: Record<string, never>;
                    /** @description What the code must return for `test_input` (null: dropped). */
                    test_output?: null | Record<string, never> | Record<string, never>[];
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The transformation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        description?: string | null;
                        /** @description Why the test run failed (status `error`). */
                        error: string | null;
                        id: string;
                        name: string;
                        source_code: string;
                        /** @enum {string} */
                        status: "draft" | "active" | "error";
                        test_input?: Record<string, never> | null;
                        test_output?: unknown;
                        /** Format: date-time */
                        updated_at?: string | null;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    deleteTransformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transformation id. */
                txId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    testTransformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transformation id. */
                txId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input: Record<string, never>;
                    /** @description Run this code instead of the saved one. */
                    source_code?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description What the code returned, its logs and duration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duration_ms: number;
                        error?: unknown;
                        logs: unknown[];
                        output: unknown;
                    };
                };
            };
        };
    };
    getEventVolume: {
        parameters: {
            query?: {
                hours?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Counts per hour, type and name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event_count: number;
                        event_name: string;
                        event_type: string;
                        hour_bucket: string;
                    }[];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                event_type?: string;
                from?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                /** @description Text search in the event. */
                q?: string;
                source?: string;
                status?: string;
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            anonymous_id: string | null;
                            api: string;
                            context: Record<string, never>;
                            email: string | null;
                            event: string | null;
                            event_type: string;
                            group_id: string | null;
                            id: string;
                            inbox_id: string;
                            integrations: Record<string, never>;
                            message_id: string | null;
                            /** Format: date-time */
                            original_timestamp: string | null;
                            previous_id: string | null;
                            properties: Record<string, never>;
                            /** Format: date-time */
                            received_at: string | null;
                            /** Format: date-time */
                            sent_at: string | null;
                            source: string | null;
                            /** @description The `status` the event itself carried, if any. */
                            status: string | null;
                            /** Format: date-time */
                            timestamp: string | null;
                            traits: Record<string, never>;
                            type: string;
                            user_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    sendWorkspaceEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The workspace id again (optional). */
                "x-workspace-id"?: string;
            };
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description track, identify, page or group. */
                type: string;
            };
            cookie?: never;
        };
        /** @description `user_id` or `anonymous_id` is required; track needs `event`, group needs `group_id`. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "event": "Signed Up",
                 *       "user_id": "user-42",
                 *       "properties": {
                 *         "plan": "pro"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymous_id?: string | number;
                    context?: Record<string, never>;
                    event?: string;
                    group_id?: string | number;
                    message_id?: string;
                    name?: string;
                    properties?: Record<string, never>;
                    timestamp?: string;
                    traits?: Record<string, never>;
                    user_id?: string | number;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        duplicate: boolean;
                        id: string;
                        /** Format: date-time */
                        received_at: string;
                        /** @enum {unknown} */
                        status: "accepted";
                    };
                };
            };
        };
    };
    listIncomingEvents: {
        parameters: {
            query?: {
                /** @description segment, workspace, client, attribution … */
                api?: string;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                from?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                status?: "received" | "processing" | "processed" | "failed" | "blocked";
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            api: string;
                            /** @description The canonical event, once processed. */
                            event_id: string | null;
                            id: string;
                            idempotency_key: string | null;
                            message_id: string | null;
                            /** Format: date-time */
                            next_attempt_at: string | null;
                            /** @description The event as sent. */
                            payload: unknown;
                            process_error: string | null;
                            /** Format: date-time */
                            processed_at: string | null;
                            /** Format: date-time */
                            received_at: string | null;
                            retry_count: number;
                            retryable: boolean;
                            /** @enum {string} */
                            status: "received" | "processing" | "processed" | "failed" | "blocked";
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                        /** @description Accepted events not split into inbox rows yet. */
                        pending: number;
                    };
                };
            };
        };
    };
    retryIncomingEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The inbox row id. */
                inboxId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An inbox row: one accepted event, as received, and where it is in processing. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api: string;
                        /** @description The canonical event, once processed. */
                        event_id: string | null;
                        id: string;
                        idempotency_key: string | null;
                        message_id: string | null;
                        /** Format: date-time */
                        next_attempt_at: string | null;
                        /** @description The event as sent. */
                        payload: unknown;
                        process_error: string | null;
                        /** Format: date-time */
                        processed_at: string | null;
                        /** Format: date-time */
                        received_at: string | null;
                        retry_count: number;
                        retryable: boolean;
                        /** @enum {string} */
                        status: "received" | "processing" | "processed" | "failed" | "blocked";
                    };
                };
            };
        };
    };
    streamLiveEvents: {
        parameters: {
            query?: {
                /** @description The credential, for EventSource (which cannot send headers). */
                access_token?: string;
                last_event_id?: string;
                /** @description Comma-separated event names. */
                name?: string;
                /** @description Comma-separated event types. */
                type?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One `data:` line per canonical event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
        };
    };
    listFraudReview: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                program_id?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            engagement_id: number | null;
                            /** @description The fraud rules that flagged it for review; null when none did. */
                            fraud_reasons: string[] | null;
                            id: number;
                            kind: string;
                            opportunity_id: number | null;
                            program_id: number;
                            /** Format: date-time */
                            reviewed_at: string | null;
                            status: string;
                            transaction_id: number | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listFulfillments: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "pending" | "processing" | "complete" | "failed";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            completed_at: string | null;
                            /** Format: date-time */
                            created_at: string | null;
                            currency: string | null;
                            id: number;
                            /** @description The domain-event flow the run was made in. */
                            inbound_event_id: string;
                            minimum_payout: number | null;
                            payout_count: number;
                            status: string;
                            totals: {
                                amount: number;
                                currency: string;
                                paid: number;
                            }[];
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createFulfillment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: currency */
                    currency?: string;
                    mark_paid?: boolean;
                    minimum_payout?: number;
                    paid_reference?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The run with its payouts. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        completed_at: string | null;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string | null;
                        id: number;
                        /** @description The domain-event flow the run was made in. */
                        inbound_event_id: string;
                        minimum_payout: number | null;
                        payout_count: number;
                        payouts?: {
                            /** @description Integer minor units of `currency`. */
                            amount: number;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            currency: string;
                            /** Format: date-time */
                            failed_at: string | null;
                            failure_reason: string | null;
                            fulfillment_id: number | null;
                            id: number;
                            obligation_ids: number[];
                            /** Format: date-time */
                            paid_at: string | null;
                            paid_reference: string | null;
                            /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                            reference: string;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        status: string;
                        totals: {
                            amount: number;
                            currency: string;
                            paid: number;
                        }[];
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    getFulfillment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The fulfillment run id. */
                fulfillmentId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        completed_at: string | null;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string | null;
                        id: number;
                        /** @description The domain-event flow the run was made in. */
                        inbound_event_id: string;
                        minimum_payout: number | null;
                        payout_count: number;
                        status: string;
                        totals: {
                            amount: number;
                            currency: string;
                            paid: number;
                        }[];
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    exportFulfillmentPayouts: {
        parameters: {
            query?: {
                status?: "unpaid" | "processing" | "paid" | "failed";
            };
            header?: never;
            path: {
                /** @description The fulfillment run id. */
                fulfillmentId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One line per payout, for a bank or payment provider batch upload. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
        };
    };
    getStripeIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The integration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description False until a signing secret is saved; the other fields then show the defaults. */
                        configured: boolean;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description The event types to select when adding the endpoint in Stripe. */
                        event_types: string[];
                        match_leads_by_email: boolean;
                        metadata_key: string;
                        /** @description The secret masked, `whsec_…a1b2`; null when not configured. */
                        signing_secret_hint: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        /**
                         * Format: uri
                         * @description The endpoint URL to add in Stripe's dashboard (under `PUBLIC_URL` when set).
                         */
                        webhook_url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    setStripeIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "signing_secret": "whsec_YourEndpointSigningSecret",
                 *       "metadata_key": "tributary_oid",
                 *       "match_leads_by_email": true
                 *     }
                 */
                "application/json": {
                    /** @description A checkout with no opportunity id is credited to the live opportunity with the customer's email (true by default). */
                    match_leads_by_email?: boolean;
                    /** @description The Checkout Session metadata key read for the opportunity id when `client_reference_id` has none (`tributary_oid` by default). */
                    metadata_key?: string;
                    /** @description The endpoint's signing secret from Stripe's dashboard (`whsec_…`): required the first time, kept when omitted. Write-only. */
                    signing_secret?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The integration as saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description False until a signing secret is saved; the other fields then show the defaults. */
                        configured: boolean;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description The event types to select when adding the endpoint in Stripe. */
                        event_types: string[];
                        match_leads_by_email: boolean;
                        metadata_key: string;
                        /** @description The secret masked, `whsec_…a1b2`; null when not configured. */
                        signing_secret_hint: string | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        /**
                         * Format: uri
                         * @description The endpoint URL to add in Stripe's dashboard (under `PUBLIC_URL` when set).
                         */
                        webhook_url: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    deleteStripeIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listStripeEvents: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description Why it was unmatched, ignored or invalid; what a sale was credited to. */
                            detail: string | null;
                            /** @description The sale (or renewal) the event was about. */
                            external_id: string | null;
                            /** @description Stripe's event id (`evt_…`). */
                            id: string;
                            /** @description The incoming event it arrived as (its raw body is there). */
                            incoming_id: string;
                            livemode: boolean;
                            /** @enum {string} */
                            outcome: "sale" | "payment_confirmed" | "renewal" | "refund" | "subscription_ended" | "unmatched" | "ignored" | "invalid";
                            /** Format: date-time */
                            processed_at: string | null;
                            type: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listObligations: {
        parameters: {
            query?: {
                collaborator_id?: number;
                conversion_id?: number;
                currency?: string;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Created at or after. */
                from?: string;
                kind?: "commission" | "clawback";
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "draft" | "pending" | "complete" | "cancelled";
                /** @description Created before. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            conversion_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            /**
                             * Format: date-time
                             * @description While `hold`: when it becomes payable.
                             */
                            hold_until: string | null;
                            id: number;
                            kind: string;
                            /** @description Integer minor units of `currency` (cents for USD). */
                            original_amount: number;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getObligation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The obligation id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The obligation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency` (cents for USD). */
                        amount: number;
                        collaborator_id: number | null;
                        conversion_id: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description ISO 4217, upper case. */
                        currency: string;
                        /**
                         * Format: date-time
                         * @description While `hold`: when it becomes payable.
                         */
                        hold_until: string | null;
                        id: number;
                        kind: string;
                        /** @description Integer minor units of `currency` (cents for USD). */
                        original_amount: number;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    releaseHolds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description How many obligations became payable. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        released: number;
                    };
                };
            };
        };
    };
    listOpportunities: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Created at or after. */
                from?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "active" | "inactive" | "invalid";
                /** @description Created before. */
                to?: string;
                user_id?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            collaborator_id: number | null;
                            coupon_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            email: string | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            id: number;
                            inbound_event_id: string | null;
                            landing_url: string | null;
                            origin: string | null;
                            status: string;
                            user_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The opportunity id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The opportunity. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        collaborator_id: number | null;
                        coupon_id: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        email: string | null;
                        /** Format: date-time */
                        expires_at: string | null;
                        id: number;
                        inbound_event_id: string | null;
                        landing_url: string | null;
                        origin: string | null;
                        status: string;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    listPayouts: {
        parameters: {
            query?: {
                collaborator_id?: number;
                currency?: string;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                fulfillment_id?: number;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "unpaid" | "processing" | "paid" | "failed";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency`. */
                            amount: number;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            currency: string;
                            /** Format: date-time */
                            failed_at: string | null;
                            failure_reason: string | null;
                            fulfillment_id: number | null;
                            id: number;
                            obligation_ids: number[];
                            /** Format: date-time */
                            paid_at: string | null;
                            paid_reference: string | null;
                            /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                            reference: string;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getPayout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The payout id. */
                payoutId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payout. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency`. */
                        amount: number;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string;
                        /** Format: date-time */
                        failed_at: string | null;
                        failure_reason: string | null;
                        fulfillment_id: number | null;
                        id: number;
                        obligation_ids: number[];
                        /** Format: date-time */
                        paid_at: string | null;
                        paid_reference: string | null;
                        /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                        reference: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    markPayoutFailed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The payout id. */
                payoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payout. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency`. */
                        amount: number;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string;
                        /** Format: date-time */
                        failed_at: string | null;
                        failure_reason: string | null;
                        fulfillment_id: number | null;
                        id: number;
                        inbound_event_id?: string | null;
                        obligation_ids: number[];
                        /** Format: date-time */
                        paid_at: string | null;
                        paid_reference: string | null;
                        /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                        reference: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    markPayoutPaid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The payout id. */
                payoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payout. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency`. */
                        amount: number;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string;
                        /** Format: date-time */
                        failed_at: string | null;
                        failure_reason: string | null;
                        fulfillment_id: number | null;
                        id: number;
                        inbound_event_id?: string | null;
                        obligation_ids: number[];
                        /** Format: date-time */
                        paid_at: string | null;
                        paid_reference: string | null;
                        /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                        reference: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    markPayoutProcessing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The payout id. */
                payoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payout. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Integer minor units of `currency`. */
                        amount: number;
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        currency: string;
                        /** Format: date-time */
                        failed_at: string | null;
                        failure_reason: string | null;
                        fulfillment_id: number | null;
                        id: number;
                        inbound_event_id?: string | null;
                        obligation_ids: number[];
                        /** Format: date-time */
                        paid_at: string | null;
                        paid_reference: string | null;
                        /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                        reference: string;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    markPayoutsPaid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    payout_ids: number[];
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payouts; all or none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency`. */
                            amount: number;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            currency: string;
                            /** Format: date-time */
                            failed_at: string | null;
                            failure_reason: string | null;
                            fulfillment_id: number | null;
                            id: number;
                            obligation_ids: number[];
                            /** Format: date-time */
                            paid_at: string | null;
                            paid_reference: string | null;
                            /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                            reference: string;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        inbound_event_id: string | null;
                    };
                };
            };
        };
    };
    markPayoutsProcessing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    payout_ids: number[];
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payouts; all or none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency`. */
                            amount: number;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            currency: string;
                            /** Format: date-time */
                            failed_at: string | null;
                            failure_reason: string | null;
                            fulfillment_id: number | null;
                            id: number;
                            obligation_ids: number[];
                            /** Format: date-time */
                            paid_at: string | null;
                            paid_reference: string | null;
                            /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                            reference: string;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        inbound_event_id: string | null;
                    };
                };
            };
        };
    };
    listProgramGroups: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            created_at?: string | null;
                            id: number;
                            name: string;
                            programs: {
                                name?: string;
                                priority?: number | null;
                                program_id?: number;
                                status?: string;
                            }[];
                            strategy: string;
                            /** Format: date-time */
                            updated_at?: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createProgramGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    programs?: {
                        priority?: number | null;
                        program_id: number;
                    }[];
                    /** @enum {unknown} */
                    strategy: "priority" | "highest_reward" | "lowest_reward" | "first_engagement" | "most_recent_engagement" | "oldest_program";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The group with its programs. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        name: string;
                        programs: {
                            name?: string;
                            priority?: number | null;
                            program_id?: number;
                            status?: string;
                        }[];
                        strategy: string;
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    getProgramGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program group id. */
                groupId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        name: string;
                        programs: {
                            name?: string;
                            priority?: number | null;
                            program_id?: number;
                            status?: string;
                        }[];
                        strategy: string;
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    deleteProgramGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program group id. */
                groupId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateProgramGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program group id. */
                groupId: string;
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    programs?: {
                        priority?: number | null;
                        program_id: number;
                    }[];
                    /** @enum {unknown} */
                    strategy?: "priority" | "highest_reward" | "lowest_reward" | "first_engagement" | "most_recent_engagement" | "oldest_program";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        name: string;
                        programs: {
                            name?: string;
                            priority?: number | null;
                            program_id?: number;
                            status?: string;
                        }[];
                        strategy: string;
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    addProgramToGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program group id. */
                groupId: string;
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    priority?: number | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string | null;
                        id: number;
                        name: string;
                        programs: {
                            name?: string;
                            priority?: number | null;
                            program_id?: number;
                            status?: string;
                        }[];
                        strategy: string;
                        /** Format: date-time */
                        updated_at?: string | null;
                    };
                };
            };
        };
    };
    removeProgramFromGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program group id. */
                groupId: string;
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listPrograms: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "active" | "inactive";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            approval: string;
                            attribution_model: string;
                            attribution_window_days: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            engagement_trigger: string;
                            /** @enum {unknown} */
                            enrollment: "open" | "approval" | "invite";
                            /** @description Per rule, `allow`, `flag` or `block` (see docs/partner-portal.md); an absent rule is `allow`, except `banned_collaborator`: absent, a banned collaborator's referrals are passed over to the next eligible collaborator. */
                            fraud_rules: {
                                /** @enum {unknown} */
                                already_referred?: "allow" | "flag" | "block";
                                /**
                                 * @description The referring collaborator is banned. Absent: their referrals are passed over, as before the rule.
                                 * @enum {unknown}
                                 */
                                banned_collaborator?: "allow" | "flag" | "block";
                                fast_conversion?: {
                                    /** @enum {unknown} */
                                    action: "allow" | "flag" | "block";
                                    seconds: number;
                                };
                                /** @enum {unknown} */
                                own_coupon?: "allow" | "flag" | "block";
                                /**
                                 * @description The buyer's email, user id or address (keyed hash) is the collaborator's.
                                 * @enum {unknown}
                                 */
                                self_referral?: "allow" | "flag" | "block";
                            };
                            group_id: number | null;
                            group_priority: number | null;
                            /** @description Days an approved commission waits in `hold` before it is payable. */
                            hold_days: number;
                            id: number;
                            /** @description A percentage of the sale (basis points, 100 = 1 %) or a flat amount per currency. */
                            incentive: {
                                basis_points: number;
                                /** @enum {unknown} */
                                type: "percent";
                            } | {
                                amounts: {
                                    [key: string]: number;
                                };
                                /** @enum {unknown} */
                                type: "flat";
                            };
                            /** @description Where the program's referral links lead; null: the workspace's default landing URL. */
                            landing_url: string | null;
                            lead_incentive: {
                                /** @description Integer minor units of `currency` (cents for USD). */
                                amount?: number;
                                /** @description ISO 4217, upper case. */
                                currency?: string;
                            } | null;
                            /** @description The query parameter that carries the code on the landing page. */
                            link_param: string;
                            /** @description Per currency, the smallest payout from this program (minor units). */
                            minimum_payouts: {
                                [key: string]: number;
                            } | null;
                            name: string;
                            renewal_incentive: {
                                /** @enum {unknown} */
                                type: "none" | "same" | "percent" | "flat";
                            };
                            renewal_limit: {
                                months?: number;
                                periods?: number;
                            } | null;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Partners 10 %",
                 *       "incentive": {
                 *         "type": "percent",
                 *         "basis_points": 1000
                 *       },
                 *       "attribution_window_days": 30
                 *     }
                 */
                "application/json": {
                    /** @enum {unknown} */
                    approval?: "on_payment" | "manual";
                    /** @enum {unknown} */
                    attribution_model?: "first_touch" | "last_touch";
                    attribution_window_days?: number;
                    /** @enum {unknown} */
                    engagement_trigger?: "any" | "referral" | "coupon";
                    /** @enum {unknown} */
                    enrollment?: "open" | "approval" | "invite";
                    fraud_rules?: {
                        /** @enum {unknown} */
                        already_referred?: "allow" | "flag" | "block";
                        /** @enum {unknown} */
                        banned_collaborator?: "allow" | "flag" | "block";
                        fast_conversion?: {
                            /** @enum {unknown} */
                            action: "allow" | "flag" | "block";
                            seconds: number;
                        };
                        /** @enum {unknown} */
                        own_coupon?: "allow" | "flag" | "block";
                        /** @enum {unknown} */
                        self_referral?: "allow" | "flag" | "block";
                    } | null;
                    hold_days?: number;
                    incentive: {
                        /** @enum {unknown} */
                        type: "percent" | "flat";
                    } & (unknown & unknown);
                    landing_url?: string | null;
                    lead_incentive?: {
                        amount: number;
                        /** Format: currency */
                        currency: string;
                    } | null;
                    link_param?: string;
                    minimum_payouts?: {
                        [key: string]: number;
                    } | null;
                    name: string;
                    renewal_incentive?: {
                        /** @enum {unknown} */
                        type: "none" | "same" | "percent" | "flat";
                    } & (unknown & unknown & unknown & unknown);
                    renewal_limit?: {
                        months?: number;
                        periods?: number;
                    } | null;
                    /** @enum {unknown} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The program. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: string;
                        attribution_model: string;
                        attribution_window_days: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        engagement_trigger: string;
                        /** @enum {unknown} */
                        enrollment: "open" | "approval" | "invite";
                        /** @description Per rule, `allow`, `flag` or `block` (see docs/partner-portal.md); an absent rule is `allow`, except `banned_collaborator`: absent, a banned collaborator's referrals are passed over to the next eligible collaborator. */
                        fraud_rules: {
                            /** @enum {unknown} */
                            already_referred?: "allow" | "flag" | "block";
                            /**
                             * @description The referring collaborator is banned. Absent: their referrals are passed over, as before the rule.
                             * @enum {unknown}
                             */
                            banned_collaborator?: "allow" | "flag" | "block";
                            fast_conversion?: {
                                /** @enum {unknown} */
                                action: "allow" | "flag" | "block";
                                seconds: number;
                            };
                            /** @enum {unknown} */
                            own_coupon?: "allow" | "flag" | "block";
                            /**
                             * @description The buyer's email, user id or address (keyed hash) is the collaborator's.
                             * @enum {unknown}
                             */
                            self_referral?: "allow" | "flag" | "block";
                        };
                        group_id: number | null;
                        group_priority: number | null;
                        /** @description Days an approved commission waits in `hold` before it is payable. */
                        hold_days: number;
                        id: number;
                        /** @description A percentage of the sale (basis points, 100 = 1 %) or a flat amount per currency. */
                        incentive: {
                            basis_points: number;
                            /** @enum {unknown} */
                            type: "percent";
                        } | {
                            amounts: {
                                [key: string]: number;
                            };
                            /** @enum {unknown} */
                            type: "flat";
                        };
                        /** @description Where the program's referral links lead; null: the workspace's default landing URL. */
                        landing_url: string | null;
                        lead_incentive: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount?: number;
                            /** @description ISO 4217, upper case. */
                            currency?: string;
                        } | null;
                        /** @description The query parameter that carries the code on the landing page. */
                        link_param: string;
                        /** @description Per currency, the smallest payout from this program (minor units). */
                        minimum_payouts: {
                            [key: string]: number;
                        } | null;
                        name: string;
                        renewal_incentive: {
                            /** @enum {unknown} */
                            type: "none" | "same" | "percent" | "flat";
                        };
                        renewal_limit: {
                            months?: number;
                            periods?: number;
                        } | null;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    getProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The program. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: string;
                        attribution_model: string;
                        attribution_window_days: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        engagement_trigger: string;
                        /** @enum {unknown} */
                        enrollment: "open" | "approval" | "invite";
                        /** @description Per rule, `allow`, `flag` or `block` (see docs/partner-portal.md); an absent rule is `allow`, except `banned_collaborator`: absent, a banned collaborator's referrals are passed over to the next eligible collaborator. */
                        fraud_rules: {
                            /** @enum {unknown} */
                            already_referred?: "allow" | "flag" | "block";
                            /**
                             * @description The referring collaborator is banned. Absent: their referrals are passed over, as before the rule.
                             * @enum {unknown}
                             */
                            banned_collaborator?: "allow" | "flag" | "block";
                            fast_conversion?: {
                                /** @enum {unknown} */
                                action: "allow" | "flag" | "block";
                                seconds: number;
                            };
                            /** @enum {unknown} */
                            own_coupon?: "allow" | "flag" | "block";
                            /**
                             * @description The buyer's email, user id or address (keyed hash) is the collaborator's.
                             * @enum {unknown}
                             */
                            self_referral?: "allow" | "flag" | "block";
                        };
                        group_id: number | null;
                        group_priority: number | null;
                        /** @description Days an approved commission waits in `hold` before it is payable. */
                        hold_days: number;
                        id: number;
                        /** @description A percentage of the sale (basis points, 100 = 1 %) or a flat amount per currency. */
                        incentive: {
                            basis_points: number;
                            /** @enum {unknown} */
                            type: "percent";
                        } | {
                            amounts: {
                                [key: string]: number;
                            };
                            /** @enum {unknown} */
                            type: "flat";
                        };
                        /** @description Where the program's referral links lead; null: the workspace's default landing URL. */
                        landing_url: string | null;
                        lead_incentive: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount?: number;
                            /** @description ISO 4217, upper case. */
                            currency?: string;
                        } | null;
                        /** @description The query parameter that carries the code on the landing page. */
                        link_param: string;
                        /** @description Per currency, the smallest payout from this program (minor units). */
                        minimum_payouts: {
                            [key: string]: number;
                        } | null;
                        name: string;
                        renewal_incentive: {
                            /** @enum {unknown} */
                            type: "none" | "same" | "percent" | "flat";
                        };
                        renewal_limit: {
                            months?: number;
                            periods?: number;
                        } | null;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    deleteProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    approval?: "on_payment" | "manual";
                    /** @enum {unknown} */
                    attribution_model?: "first_touch" | "last_touch";
                    attribution_window_days?: number;
                    /** @enum {unknown} */
                    engagement_trigger?: "any" | "referral" | "coupon";
                    /** @enum {unknown} */
                    enrollment?: "open" | "approval" | "invite";
                    fraud_rules?: {
                        /** @enum {unknown} */
                        already_referred?: "allow" | "flag" | "block";
                        /** @enum {unknown} */
                        banned_collaborator?: "allow" | "flag" | "block";
                        fast_conversion?: {
                            /** @enum {unknown} */
                            action: "allow" | "flag" | "block";
                            seconds: number;
                        };
                        /** @enum {unknown} */
                        own_coupon?: "allow" | "flag" | "block";
                        /** @enum {unknown} */
                        self_referral?: "allow" | "flag" | "block";
                    } | null;
                    hold_days?: number;
                    incentive?: {
                        /** @enum {unknown} */
                        type: "percent" | "flat";
                    } & (unknown & unknown);
                    landing_url?: string | null;
                    lead_incentive?: {
                        amount: number;
                        /** Format: currency */
                        currency: string;
                    } | null;
                    link_param?: string;
                    minimum_payouts?: {
                        [key: string]: number;
                    } | null;
                    name?: string;
                    renewal_incentive?: {
                        /** @enum {unknown} */
                        type: "none" | "same" | "percent" | "flat";
                    } & (unknown & unknown & unknown & unknown);
                    renewal_limit?: {
                        months?: number;
                        periods?: number;
                    } | null;
                    /** @enum {unknown} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The program. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: string;
                        attribution_model: string;
                        attribution_window_days: number | null;
                        /** Format: date-time */
                        created_at: string | null;
                        engagement_trigger: string;
                        /** @enum {unknown} */
                        enrollment: "open" | "approval" | "invite";
                        /** @description Per rule, `allow`, `flag` or `block` (see docs/partner-portal.md); an absent rule is `allow`, except `banned_collaborator`: absent, a banned collaborator's referrals are passed over to the next eligible collaborator. */
                        fraud_rules: {
                            /** @enum {unknown} */
                            already_referred?: "allow" | "flag" | "block";
                            /**
                             * @description The referring collaborator is banned. Absent: their referrals are passed over, as before the rule.
                             * @enum {unknown}
                             */
                            banned_collaborator?: "allow" | "flag" | "block";
                            fast_conversion?: {
                                /** @enum {unknown} */
                                action: "allow" | "flag" | "block";
                                seconds: number;
                            };
                            /** @enum {unknown} */
                            own_coupon?: "allow" | "flag" | "block";
                            /**
                             * @description The buyer's email, user id or address (keyed hash) is the collaborator's.
                             * @enum {unknown}
                             */
                            self_referral?: "allow" | "flag" | "block";
                        };
                        group_id: number | null;
                        group_priority: number | null;
                        /** @description Days an approved commission waits in `hold` before it is payable. */
                        hold_days: number;
                        id: number;
                        /** @description A percentage of the sale (basis points, 100 = 1 %) or a flat amount per currency. */
                        incentive: {
                            basis_points: number;
                            /** @enum {unknown} */
                            type: "percent";
                        } | {
                            amounts: {
                                [key: string]: number;
                            };
                            /** @enum {unknown} */
                            type: "flat";
                        };
                        /** @description Where the program's referral links lead; null: the workspace's default landing URL. */
                        landing_url: string | null;
                        lead_incentive: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount?: number;
                            /** @description ISO 4217, upper case. */
                            currency?: string;
                        } | null;
                        /** @description The query parameter that carries the code on the landing page. */
                        link_param: string;
                        /** @description Per currency, the smallest payout from this program (minor units). */
                        minimum_payouts: {
                            [key: string]: number;
                        } | null;
                        name: string;
                        renewal_incentive: {
                            /** @enum {unknown} */
                            type: "none" | "same" | "percent" | "flat";
                        };
                        renewal_limit: {
                            months?: number;
                            periods?: number;
                        } | null;
                        status: string;
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    getProgramClicks: {
        parameters: {
            query?: {
                /** @description The first UTC day (`YYYY-MM-DD`), included; 29 days before `to` by default. The range covers at most 366 days. */
                from?: string;
                /** @description The last UTC day (`YYYY-MM-DD`), included; today by default. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The program's clicks over the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Per collaborator, by id; null is a click with an unknown or expired code. */
                        by_collaborator: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            collaborator_id: number | null;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /** @description Per program, by id; null is a click that reached no program (the default landing page). */
                        by_program: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                            program_id: number | null;
                        }[];
                        /** @description Clicks on a live link. */
                        clicks: number;
                        /** @description Every day of the range, in order, zeros included. */
                        days: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /**
                             * Format: date
                             * @description A UTC day, `YYYY-MM-DD`.
                             */
                            day: string;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        from: string;
                        /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                        invalid_clicks: number;
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        to: string;
                    };
                };
            };
        };
    };
    listProgramEnrollments: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "applied" | "invited" | "approved" | "rejected" | "removed";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            id: number;
                            program_id: number;
                            /** @enum {unknown} */
                            status: "applied" | "invited" | "approved" | "rejected" | "removed";
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "collaborator_id": 7,
                 *       "status": "applied"
                 *     }
                 */
                "application/json": {
                    collaborator_id: number;
                    /**
                     * @description Default: `invited` in an invite program, `approved` otherwise.
                     * @enum {unknown}
                     */
                    status?: "applied" | "invited" | "approved";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The enrollment. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        id: number;
                        program_id: number;
                        /** @enum {unknown} */
                        status: "applied" | "invited" | "approved" | "rejected" | "removed";
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    updateEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The enrollment id. */
                enrollmentId: string;
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "approved"
                 *     }
                 */
                "application/json": {
                    /** @enum {unknown} */
                    status: "applied" | "invited" | "approved" | "rejected" | "removed";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The enrollment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        collaborator_id: number;
                        /** Format: date-time */
                        created_at: string | null;
                        id: number;
                        /** @description Only when approving an application from the portal's sign-up form: the link also sent as `collaborator.login_link_created`. */
                        login_link?: {
                            /** Format: date-time */
                            expires_at: string | null;
                            /** @description The portal with the one-time token in its fragment (`/partners#login=trb_pl_…`). */
                            url: string;
                        };
                        program_id: number;
                        /** @enum {unknown} */
                        status: "applied" | "invited" | "approved" | "rejected" | "removed";
                        /** Format: date-time */
                        updated_at: string | null;
                    };
                };
            };
        };
    };
    setLessonIncentive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: number;
                    /** Format: currency */
                    currency: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The incentive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: number;
                        currency: string;
                        program_id: number;
                    };
                };
            };
        };
    };
    deleteLessonIncentive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    applyRecipe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dry_run?: boolean;
                    groups?: {
                        name: string;
                        /** @enum {unknown} */
                        strategy: "priority" | "highest_reward" | "lowest_reward" | "first_engagement" | "most_recent_engagement" | "oldest_program";
                    }[];
                    name?: string;
                    programs?: {
                        name: string;
                    }[];
                    settings?: {
                        allowed_origins?: string[];
                        public_slugs?: "site-visited"[];
                    };
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The changes made (or that would be). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changes: unknown;
                        dry_run: boolean;
                        inbound_event_id: string | null;
                    };
                };
            };
        };
    };
    listRegulations: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–500. */
                limit?: number;
                /** @description Only regulations in this status; empty or absent for all. */
                status?: "initialized" | "running" | "finished" | "failed" | "";
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description What the erasure found and erased so far (zero for suppressions). */
                            counts: {
                                attribution_records: number;
                                contract_violations: number;
                                deliveries: number;
                                events: number;
                                inbox_rows: number;
                                journal_messages: number;
                                live_messages: number;
                            };
                            /** Format: date-time */
                            created_at: string;
                            error: string | null;
                            /** Format: date-time */
                            finished_at: string | null;
                            id: string;
                            /** @enum {unknown} */
                            status: "initialized" | "running" | "finished" | "failed";
                            subject_count: number;
                            /** @enum {unknown} */
                            subject_type: "user_id" | "anonymous_id" | "email";
                            /** @enum {unknown} */
                            type: "delete" | "suppress" | "suppress_with_delete" | "unsuppress";
                            /** Format: date-time */
                            updated_at: string;
                            workspace_id: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    createRegulation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "suppress_with_delete",
                 *       "subject_type": "email",
                 *       "subject_ids": [
                 *         "ada@example.com"
                 *       ]
                 *     }
                 */
                "application/json": {
                    subject_ids: string[];
                    /**
                     * @description What `subject_ids` are; emails match whatever their case.
                     * @enum {unknown}
                     */
                    subject_type: "user_id" | "anonymous_id" | "email";
                    /**
                     * @description `delete` erases what is stored, `suppress` drops future events, `suppress_with_delete` does both, `unsuppress` lifts a suppression.
                     * @enum {unknown}
                     */
                    type: "delete" | "suppress" | "suppress_with_delete" | "unsuppress";
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The regulation (suppress, unsuppress): in force now. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What the erasure found and erased so far (zero for suppressions). */
                        counts: {
                            attribution_records: number;
                            contract_violations: number;
                            deliveries: number;
                            events: number;
                            inbox_rows: number;
                            journal_messages: number;
                            live_messages: number;
                        };
                        /** Format: date-time */
                        created_at: string;
                        error: string | null;
                        /** Format: date-time */
                        finished_at: string | null;
                        id: string;
                        /** @enum {unknown} */
                        status: "initialized" | "running" | "finished" | "failed";
                        subject_count: number;
                        subject_ids: string[];
                        /** @enum {unknown} */
                        subject_type: "user_id" | "anonymous_id" | "email";
                        /** @enum {unknown} */
                        type: "delete" | "suppress" | "suppress_with_delete" | "unsuppress";
                        /** Format: date-time */
                        updated_at: string;
                        workspace_id: string;
                    };
                };
            };
            /** @description The regulation (delete, suppress_with_delete): the erasure has begun. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What the erasure found and erased so far (zero for suppressions). */
                        counts: {
                            attribution_records: number;
                            contract_violations: number;
                            deliveries: number;
                            events: number;
                            inbox_rows: number;
                            journal_messages: number;
                            live_messages: number;
                        };
                        /** Format: date-time */
                        created_at: string;
                        error: string | null;
                        /** Format: date-time */
                        finished_at: string | null;
                        id: string;
                        /** @enum {unknown} */
                        status: "initialized" | "running" | "finished" | "failed";
                        subject_count: number;
                        subject_ids: string[];
                        /** @enum {unknown} */
                        subject_type: "user_id" | "anonymous_id" | "email";
                        /** @enum {unknown} */
                        type: "delete" | "suppress" | "suppress_with_delete" | "unsuppress";
                        /** Format: date-time */
                        updated_at: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    getRegulation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The regulation id. */
                regulationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The regulation, with its subject ids. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What the erasure found and erased so far (zero for suppressions). */
                        counts: {
                            attribution_records: number;
                            contract_violations: number;
                            deliveries: number;
                            events: number;
                            inbox_rows: number;
                            journal_messages: number;
                            live_messages: number;
                        };
                        /** Format: date-time */
                        created_at: string;
                        error: string | null;
                        /** Format: date-time */
                        finished_at: string | null;
                        id: string;
                        /** @enum {unknown} */
                        status: "initialized" | "running" | "finished" | "failed";
                        subject_count: number;
                        subject_ids: string[];
                        /** @enum {unknown} */
                        subject_type: "user_id" | "anonymous_id" | "email";
                        /** @enum {unknown} */
                        type: "delete" | "suppress" | "suppress_with_delete" | "unsuppress";
                        /** Format: date-time */
                        updated_at: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    reportByCollaborator: {
        parameters: {
            query?: {
                collaborator_id?: number;
                /** @description ISO date or date-time, inclusive; default 30 days before `to`. */
                from?: string;
                /** @description Exclusive; default the end of today (UTC). At most 400 days after `from`. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Totals per collaborator and currency over the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            collaborator_id: number;
                        }[];
                        from: string;
                        to: string;
                    };
                };
            };
        };
    };
    reportByProgram: {
        parameters: {
            query?: {
                /** @description ISO date or date-time, inclusive; default 30 days before `to`. */
                from?: string;
                program_id?: number;
                /** @description Exclusive; default the end of today (UTC). At most 400 days after `from`. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Totals per program and currency over the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            program_id: number;
                        }[];
                        from: string;
                        to: string;
                    };
                };
            };
        };
    };
    getRetentionSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The retention settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Finished deliveries (delivered, failed, dead, dropped) and their attempts. Days kept; null keeps them for ever. */
                        deliveries_days: number | null;
                        /** @description Canonical events. Days kept; null keeps them for ever. */
                        events_days: number | null;
                        /** @description Finished inbox rows (processed, blocked, failed for good). Days kept; null keeps them for ever. */
                        inbox_days: number | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        /** @description Contract violations. Days kept; null keeps them for ever. */
                        violations_days: number | null;
                        /** @description Hourly volume counters. Days kept; null keeps them for ever. */
                        volume_days: number | null;
                    };
                };
            };
        };
    };
    setRetentionSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events_days": 30,
                 *       "inbox_days": 30,
                 *       "deliveries_days": 14,
                 *       "violations_days": 7,
                 *       "volume_days": null
                 *     }
                 */
                "application/json": {
                    /** @description Finished deliveries (delivered, failed, dead, dropped) and their attempts. Days kept; null keeps them for ever. */
                    deliveries_days: number | null;
                    /** @description Canonical events. Days kept; null keeps them for ever. */
                    events_days: number | null;
                    /** @description Finished inbox rows (processed, blocked, failed for good). Days kept; null keeps them for ever. */
                    inbox_days: number | null;
                    /** @description Contract violations. Days kept; null keeps them for ever. */
                    violations_days: number | null;
                    /** @description Hourly volume counters. Days kept; null keeps them for ever. */
                    volume_days: number | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The retention settings now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Finished deliveries (delivered, failed, dead, dropped) and their attempts. Days kept; null keeps them for ever. */
                        deliveries_days: number | null;
                        /** @description Canonical events. Days kept; null keeps them for ever. */
                        events_days: number | null;
                        /** @description Finished inbox rows (processed, blocked, failed for good). Days kept; null keeps them for ever. */
                        inbox_days: number | null;
                        /** Format: date-time */
                        updated_at: string | null;
                        /** @description Contract violations. Days kept; null keeps them for ever. */
                        violations_days: number | null;
                        /** @description Hourly volume counters. Days kept; null keeps them for ever. */
                        volume_days: number | null;
                    };
                };
            };
        };
    };
    getRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rate limits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: {
                            burst: number;
                            /** @description Requests per second; 0 means not limited. */
                            per_second: number;
                            /**
                             * @description `workspace`: set for this workspace; `default`: the server's setting.
                             * @enum {unknown}
                             */
                            source: "workspace" | "default";
                        };
                        /** Format: date-time */
                        updated_at: string | null;
                        write_key: {
                            burst: number;
                            /** @description Requests per second; 0 means not limited. */
                            per_second: number;
                            /**
                             * @description `workspace`: set for this workspace; `default`: the server's setting.
                             * @enum {unknown}
                             */
                            source: "workspace" | "default";
                        };
                    };
                };
            };
        };
    };
    setRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "write_key": {
                 *         "per_second": 2000,
                 *         "burst": 4000
                 *       },
                 *       "api_key": null
                 *     }
                 */
                "application/json": {
                    /** @description This workspace's own limit for the kind of key, or null for the server's default. */
                    api_key: {
                        /** @description Requests at once; one second's worth when absent. */
                        burst?: number;
                        /** @description Requests per second; 0 means not limited. */
                        per_second: number;
                    } | null;
                    /** @description This workspace's own limit for the kind of key, or null for the server's default. */
                    write_key: {
                        /** @description Requests at once; one second's worth when absent. */
                        burst?: number;
                        /** @description Requests per second; 0 means not limited. */
                        per_second: number;
                    } | null;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The rate limits now in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: {
                            burst: number;
                            /** @description Requests per second; 0 means not limited. */
                            per_second: number;
                            /**
                             * @description `workspace`: set for this workspace; `default`: the server's setting.
                             * @enum {unknown}
                             */
                            source: "workspace" | "default";
                        };
                        /** Format: date-time */
                        updated_at: string | null;
                        write_key: {
                            burst: number;
                            /** @description Requests per second; 0 means not limited. */
                            per_second: number;
                            /**
                             * @description `workspace`: set for this workspace; `default`: the server's setting.
                             * @enum {unknown}
                             */
                            source: "workspace" | "default";
                        };
                    };
                };
            };
        };
    };
    listTransactions: {
        parameters: {
            query?: {
                currency?: string;
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                external_id?: string;
                /** @description Created at or after. */
                from?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                opportunity_id?: number;
                renews_transaction_id?: number;
                source?: string;
                status?: "pending" | "complete" | "cancelled" | "refunded";
                subscription_id?: string;
                /** @description Created before. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            completed_at: string | null;
                            coupon_code: string | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            email: string | null;
                            external_id: string | null;
                            id: number;
                            inbound_event_id: string | null;
                            items: unknown[];
                            opportunity_id: number | null;
                            /** Format: date-time */
                            refunded_at: string | null;
                            /** @description Integer minor units of `currency` (cents for USD). */
                            refunded_total: number;
                            renewal_count: number;
                            renews_transaction_id: number | null;
                            source: string | null;
                            status: string;
                            subscription_id: string | null;
                            /** @description Integer minor units of `currency` (cents for USD). */
                            total: number;
                            user_id: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transaction id. */
                recordId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The transaction. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        completed_at: string | null;
                        coupon_code: string | null;
                        /** Format: date-time */
                        created_at: string | null;
                        /** @description ISO 4217, upper case. */
                        currency: string;
                        email: string | null;
                        external_id: string | null;
                        id: number;
                        inbound_event_id: string | null;
                        items: unknown[];
                        opportunity_id: number | null;
                        /** Format: date-time */
                        refunded_at: string | null;
                        /** @description Integer minor units of `currency` (cents for USD). */
                        refunded_total: number;
                        renewal_count: number;
                        renews_transaction_id: number | null;
                        source: string | null;
                        status: string;
                        subscription_id: string | null;
                        /** @description Integer minor units of `currency` (cents for USD). */
                        total: number;
                        user_id: string | null;
                    };
                };
            };
        };
    };
    attributeTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                id: string;
                /** @description The transaction id. */
                transactionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    collaborator_id: number;
                    program_id?: number;
                    replace?: boolean;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The new conversions and their draft obligations. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conversions: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            engagement_id: number | null;
                            /** @description The fraud rules that flagged it for review; null when none did. */
                            fraud_reasons: string[] | null;
                            id: number;
                            kind: string;
                            opportunity_id: number | null;
                            program_id: number;
                            /** Format: date-time */
                            reviewed_at: string | null;
                            status: string;
                            transaction_id: number | null;
                        }[];
                        inbound_event_id: string | null;
                        obligations: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            conversion_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            /**
                             * Format: date-time
                             * @description While `hold`: when it becomes payable.
                             */
                            hold_until: string | null;
                            id: number;
                            kind: string;
                            /** @description Integer minor units of `currency` (cents for USD). */
                            original_amount: number;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        replaced_conversion_ids: number[];
                        transaction_id: number;
                    };
                };
            };
        };
    };
    sendDomainEvent: {
        parameters: {
            query?: {
                /** @description Answer 202 once stored. */
                async?: "true";
            };
            header?: {
                "idempotency-key"?: string;
                /** @description The opportunity id a previous answer gave. */
                "x-siren-oid"?: string;
                /** @description The workspace, for a public slug without a key. */
                "x-workspace-id"?: string;
            };
            path: {
                /** @description The factory's slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "source": "shop",
                 *       "externalId": "order-1001",
                 *       "total": 4999,
                 *       "currency": "USD",
                 *       "trackingId": 42
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No body; `X-Siren-OID` names the opportunity (and a cookie keeps it for browsers), `X-Event-Id` the inbox event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Stored; processed afterwards (`?async=true`, or processing outlasted the wait). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        status: "ok";
                    };
                };
            };
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Stripe's signature of the body (`t=…,v1=…`) with the endpoint's signing secret; older than 5 minutes is refused. */
                "stripe-signature": string;
            };
            path: {
                /** @description The workspace id. */
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data: {
                        object: Record<string, never>;
                    };
                    id: string;
                    /** @description Acted on: `checkout.session.completed`, `checkout.session.async_payment_succeeded`, `invoice.paid`, `charge.refunded`, `refund.created`, `customer.subscription.deleted`; other types are acknowledged and dropped. */
                    type: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Received: stored, a duplicate, or a type the integration ignores. */
            200: {
                headers: {
                    /** @description The incoming event the Stripe event was stored as (absent when ignored). */
                    "x-event-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description The event id was received before; nothing new was stored.
                         * @enum {unknown}
                         */
                        duplicate?: true;
                        /**
                         * @description A type the integration does not act on: acknowledged, not stored.
                         * @enum {unknown}
                         */
                        ignored?: true;
                        /** @enum {unknown} */
                        received: true;
                    };
                };
            };
        };
    };
    getTrackingSnippet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The snippet. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": string;
                };
            };
        };
    };
    getTrackingSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id. */
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The tracking settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The link parameters of the workspace's active programs (`ref` when there are none). */
                        params: string[];
                        /** @description Whether the workspace takes visits from the snippet (attribution settings). */
                        public_visits: boolean;
                        /** @description The attribution window a visit's opportunity gets, in days (the longest of the programs). */
                        window_days: number;
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getPartnerBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Per currency: owed, held, under review, payable and paid out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            balance: number;
                            clawback_outstanding: number;
                            clawed_back: number;
                            currency: string;
                            draft: number;
                            flagged: number;
                            hold: number;
                            paid: number;
                            paid_out: number;
                            pending: number;
                        }[];
                    };
                };
            };
        };
    };
    getPartnerClicks: {
        parameters: {
            query?: {
                /** @description The first UTC day (`YYYY-MM-DD`), included; 29 days before `to` by default. The range covers at most 366 days. */
                from?: string;
                /** @description The last UTC day (`YYYY-MM-DD`), included; today by default. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Your clicks over the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Per program, by id; null is a click that reached no program (the default landing page). */
                        by_program: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                            program_id: number | null;
                        }[];
                        /** @description Clicks on a live link. */
                        clicks: number;
                        /** @description Every day of the range, in order, zeros included. */
                        days: {
                            /** @description Clicks on a live link. */
                            clicks: number;
                            /**
                             * Format: date
                             * @description A UTC day, `YYYY-MM-DD`.
                             */
                            day: string;
                            /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                            invalid_clicks: number;
                        }[];
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        from: string;
                        /** @description Clicks on an unknown or expired code, or an inactive collaborator's link. */
                        invalid_clicks: number;
                        /**
                         * Format: date
                         * @description A UTC day, `YYYY-MM-DD`.
                         */
                        to: string;
                    };
                };
            };
        };
    };
    listPartnerCommissions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
                status?: "draft" | "flagged" | "hold" | "pending" | "complete" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id: number | null;
                            conversion_id: number | null;
                            /** Format: date-time */
                            created_at: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            /**
                             * Format: date-time
                             * @description While `hold`: when it becomes payable.
                             */
                            hold_until: string | null;
                            id: number;
                            kind: string;
                            /** @description Integer minor units of `currency` (cents for USD). */
                            original_amount: number;
                            status: string;
                            /** Format: date-time */
                            updated_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listPartnerConversions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency` (cents for USD). */
                            amount: number;
                            collaborator_id?: number | null;
                            /** Format: date-time */
                            created_at?: string | null;
                            /** @description ISO 4217, upper case. */
                            currency: string;
                            /** @description The fraud rules that flagged it for review; null when none did. */
                            fraud_reasons?: string[] | null;
                            id: number;
                            kind?: string;
                            program_id: number;
                            /** Format: date-time */
                            reviewed_at?: string | null;
                            status: string;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    listPartnerLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Codes with their link URLs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            code: string;
                            collaborator_id: number;
                            /** Format: date-time */
                            created_at: string | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            id: number;
                            url: string;
                        }[];
                    };
                };
            };
        };
    };
    getPartnerMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The collaborator. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string | null;
                        id: number;
                        name: string;
                        status: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    listPartnerPayouts: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Integer minor units of `currency`. */
                            amount: number;
                            collaborator_id?: number;
                            /** Format: date-time */
                            created_at?: string | null;
                            currency: string;
                            /** Format: date-time */
                            failed_at?: string | null;
                            failure_reason?: string | null;
                            fulfillment_id?: number | null;
                            id: number;
                            obligation_ids?: number[];
                            /** Format: date-time */
                            paid_at?: string | null;
                            paid_reference?: string | null;
                            /** @description The memo the transfer carries (`TRB-F{run}-P{payout}`). */
                            reference?: string;
                            status: string;
                            /** Format: date-time */
                            updated_at?: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    getPartnerApplicationForm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program id. */
                programId: string;
                /** @description The workspace id. */
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The form: its fields, the hidden honeypot field, and where to send it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        fields: {
                            help?: string;
                            label: string;
                            max_length?: number;
                            name: string;
                            pattern?: string;
                            required: boolean;
                            /** @enum {unknown} */
                            type: "text" | "email" | "textarea";
                        }[];
                        /** @description A field to render hidden from people and send only if filled (bots fill it). */
                        honeypot: string;
                        program: {
                            id: number;
                            name: string;
                        };
                        /** @description Where to POST the answers. */
                        submit_path: string;
                        workspace_id: string;
                    };
                };
            };
        };
    };
    applyToPartnerProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program id. */
                programId: string;
                /** @description The workspace id. */
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada Lovelace",
                 *       "email": "ada@example.com",
                 *       "code": "ADA",
                 *       "promotion": "My newsletter, 4,000 readers."
                 *     }
                 */
                "application/json": {
                    /** @description The referral code asked for; a taken one is replaced on approval. */
                    code?: string | null;
                    email: string;
                    name: string;
                    /** @description How the applicant will promote the shop. */
                    promotion?: string | null;
                    /** @description Leave out: the hidden field bots fill (see `honeypot` in the form description). */
                    website?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Received. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        /** @enum {unknown} */
                        status: "received";
                    };
                };
            };
        };
    };
    deletePartnerSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Done; no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createPartnerSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "trb_pl_0123456789abcdefghijABCDEFGHIJ0123456789"
                 *     }
                 */
                "application/json": {
                    /** @description The `trb_pl_…` token of a login link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The session. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        collaborator_id: number;
                        /** Format: date-time */
                        expires_at: string | null;
                        /** @description The session (`trb_ps_…`): send it as a bearer token. */
                        token: string;
                    };
                };
            };
        };
    };
    listPartnerVisits: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; empty or absent for the first page. */
                cursor?: string;
                /** @description Rows per page, 1–200. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description One page of results, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Whether the visit led to a conversion. */
                            converted: boolean;
                            /** Format: date-time */
                            expires_at: string | null;
                            id: number;
                            /** @description The page the visitor landed on, without its query string or fragment. */
                            landing_page: string | null;
                            /**
                             * @description Through a referral link or code, or the partner's coupon.
                             * @enum {unknown}
                             */
                            origin: "referral" | "coupon";
                            /**
                             * @description `active` while a sale would still be credited to the partner.
                             * @enum {unknown}
                             */
                            status: "active" | "inactive" | "invalid";
                            /** Format: date-time */
                            visited_at: string | null;
                        }[];
                        /** @description True when another page follows. */
                        has_more: boolean;
                        /** @description Pass as `cursor` to read the next page; null on the last one. */
                        next_cursor: string | null;
                    };
                };
            };
        };
    };
    followEmptyReferralLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description To the landing page: the link's own query string is kept and `?{param}={code}` added for a live code; an unknown or expired code goes to the workspace's default landing page without it. `Cache-Control: no-store`, `X-Robots-Tag: noindex`. A link with nowhere to go (no landing URL at all) answers a plain-text 404. */
            302: {
                headers: {
                    /** @description The landing page. */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    followReferralLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator's referral code (case-insensitive). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description To the landing page: the link's own query string is kept and `?{param}={code}` added for a live code; an unknown or expired code goes to the workspace's default landing page without it. `Cache-Control: no-store`, `X-Robots-Tag: noindex`. A link with nowhere to go (no landing URL at all) answers a plain-text 404. */
            302: {
                headers: {
                    /** @description The landing page. */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    followProgramReferralLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The collaborator's referral code (case-insensitive). */
                code: string;
                /** @description The program id. */
                programId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description To the landing page: the link's own query string is kept and `?{param}={code}` added for a live code; an unknown or expired code goes to the workspace's default landing page without it. `Cache-Control: no-store`, `X-Robots-Tag: noindex`. A link with nowhere to go (no landing URL at all) answers a plain-text 404. */
            302: {
                headers: {
                    /** @description The landing page. */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        database: "sqlite" | "postgres";
                        /** @enum {unknown} */
                        status: "ready";
                    };
                };
            };
        };
    };
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The reference page, rendered in the browser from `/openapi.json`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getApiReferenceScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Redoc's standalone bundle. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
        };
    };
    listSirenApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The keys; never their secrets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        expiresAt?: string | null;
                        id: number;
                        keyPrefix: string;
                        label: string;
                        lastUsedAt?: string | null;
                        scopes: string[];
                        status: string;
                    }[];
                };
            };
        };
    };
    createSirenApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "Checkout server",
                 *       "scopes": [
                 *         "events:write"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description An ISO-8601 time in the future. */
                    expires_at?: string;
                    label?: string;
                    /** @description Same as `label` (Siren's name for it). */
                    name?: string;
                    /** @description Leave out for full access; never empty. */
                    scopes?: ("events:write" | "events:read" | "admin")[];
                    /** @description Event calls wait until the event is processed. */
                    sync_mode?: boolean;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The key with `rawKey`, its secret (shown once). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        expiresAt?: string | null;
                        id: number;
                        keyPrefix?: string;
                        label?: string;
                        lastUsedAt?: string | null;
                        rawKey: string;
                        scopes?: string[];
                        status?: string;
                    };
                };
            };
        };
    };
    revokeSirenApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key id. */
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        expiresAt?: string | null;
                        id: number;
                        keyPrefix: string;
                        label: string;
                        lastUsedAt?: string | null;
                        scopes: string[];
                        status: string;
                    };
                };
            };
        };
    };
    listSirenConversions: {
        parameters: {
            query?: {
                collaboratorId?: string;
                opportunityId?: string;
                page?: number;
                perPage?: number;
                programId?: string;
                status?: "pending" | "approved" | "rejected" | "expired" | "deleted";
                transactionId?: string;
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The conversions, in Siren's words. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: string;
                    }[];
                };
            };
        };
    };
    sendSirenDomainEvent: {
        parameters: {
            query?: {
                /** @description Answer 202 once stored. */
                async?: "true";
            };
            header?: {
                "idempotency-key"?: string;
                /** @description The opportunity id a previous answer gave. */
                "x-siren-oid"?: string;
                /** @description The workspace, for a public slug without a key. */
                "x-workspace-id"?: string;
            };
            path: {
                /** @description The factory's slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "source": "shop",
                 *       "externalId": "order-1001",
                 *       "total": 4999,
                 *       "currency": "USD",
                 *       "trackingId": 42
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No body; `X-Siren-OID` names the opportunity (and a cookie keeps it for browsers), `X-Event-Id` the inbox event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Stored; processed afterwards (`?async=true`, or processing outlasted the wait). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listSirenObligations: {
        parameters: {
            query?: {
                collaboratorId?: string;
                conversionId?: string;
                currency?: string;
                page?: number;
                perPage?: number;
                status?: "pending" | "complete" | "fulfilled" | "cancelled";
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The obligations, in Siren's words. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: string;
                    }[];
                };
            };
        };
    };
    listSirenPayouts: {
        parameters: {
            query?: {
                collaboratorId?: string;
                currency?: string;
                page?: number;
                perPage?: number;
                status?: "unpaid" | "processing" | "paid" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The payouts, in Siren's words. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: string;
                    }[];
                };
            };
        };
    };
    listSirenTransactions: {
        parameters: {
            query?: {
                currency?: string;
                externalId?: string;
                opportunityId?: string;
                page?: number;
                perPage?: number;
                source?: string;
                status?: "complete" | "cancelled" | "refunded";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The transactions, in Siren's words. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        status: string;
                    }[];
                };
            };
        };
    };
    listSirenWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The subscriptions, oldest first (a bare array). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        description?: string | null;
                        events: string[];
                        id: number;
                        /** @enum {string} */
                        status: "active" | "paused";
                        targetUrl: string;
                    }[];
                };
            };
        };
    };
    createSirenWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "targetUrl": "https://partners.example.com/hooks/siren",
                 *       "events": [
                 *         "conversion.created",
                 *         "payout.paid"
                 *       ]
                 *     }
                 */
                "application/json": {
                    description?: string | null;
                    /** @description Siren event types, or "*". */
                    events: string[];
                    /** @description An http(s) URL the SSRF guard allows. */
                    targetUrl: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The subscription with `signingSecret` (shown once). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        description?: string | null;
                        events: string[];
                        id: number;
                        signingSecret: string;
                        /** @enum {string} */
                        status: "active" | "paused";
                        targetUrl: string;
                    };
                };
            };
        };
    };
    deleteSirenWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The subscription id. */
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The deleted subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt?: string | null;
                        description?: string | null;
                        events: string[];
                        id: number;
                        /** @enum {string} */
                        status: "active" | "paused";
                        targetUrl: string;
                    };
                };
            };
        };
    };
    segmentAliasShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentAlias: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentBatchShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: {
                        anonymousId?: string | number | null;
                        category?: string | null;
                        context?: Record<string, never> | null;
                        event?: string;
                        groupId?: string | number | null;
                        integrations?: Record<string, never> | null;
                        messageId?: string | null;
                        name?: string | null;
                        originalTimestamp?: string | null;
                        previousId?: string | number | null;
                        properties?: Record<string, never> | null;
                        sentAt?: string | null;
                        timestamp?: string | null;
                        traits?: Record<string, never> | null;
                        /** @enum {unknown} */
                        type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        userId?: string | number | null;
                        writeKey?: string;
                    }[];
                    context?: Record<string, never> | null;
                    sentAt?: string | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: {
                        anonymousId?: string | number | null;
                        category?: string | null;
                        context?: Record<string, never> | null;
                        event?: string;
                        groupId?: string | number | null;
                        integrations?: Record<string, never> | null;
                        messageId?: string | null;
                        name?: string | null;
                        originalTimestamp?: string | null;
                        previousId?: string | number | null;
                        properties?: Record<string, never> | null;
                        sentAt?: string | null;
                        timestamp?: string | null;
                        traits?: Record<string, never> | null;
                        /** @enum {unknown} */
                        type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        userId?: string | number | null;
                        writeKey?: string;
                    }[];
                    context?: Record<string, never> | null;
                    sentAt?: string | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentGroupShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentIdentifyShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentIdentify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch: {
                        anonymousId?: string | number | null;
                        category?: string | null;
                        context?: Record<string, never> | null;
                        event?: string;
                        groupId?: string | number | null;
                        integrations?: Record<string, never> | null;
                        messageId?: string | null;
                        name?: string | null;
                        originalTimestamp?: string | null;
                        previousId?: string | number | null;
                        properties?: Record<string, never> | null;
                        sentAt?: string | null;
                        timestamp?: string | null;
                        traits?: Record<string, never> | null;
                        /** @enum {unknown} */
                        type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                        userId?: string | number | null;
                        writeKey?: string;
                    }[];
                    context?: Record<string, never> | null;
                    sentAt?: string | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentPageShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    getSegmentProjectSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A write key. */
                writeKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Segment's settings object, pointing the SDK at this server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    segmentScreenShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentScreen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentTrackShort: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
    segmentTrack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; timestamps are ISO-8601. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "track",
                 *       "userId": "user-42",
                 *       "event": "Order Completed",
                 *       "properties": {
                 *         "revenue": 49.99,
                 *         "currency": "USD"
                 *       }
                 *     }
                 */
                "application/json": {
                    anonymousId?: string | number | null;
                    category?: string | null;
                    context?: Record<string, never> | null;
                    event?: string;
                    groupId?: string | number | null;
                    integrations?: Record<string, never> | null;
                    messageId?: string | null;
                    name?: string | null;
                    originalTimestamp?: string | null;
                    previousId?: string | number | null;
                    properties?: Record<string, never> | null;
                    sentAt?: string | null;
                    timestamp?: string | null;
                    traits?: Record<string, never> | null;
                    /** @enum {unknown} */
                    type?: "track" | "identify" | "page" | "screen" | "group" | "alias";
                    userId?: string | number | null;
                    writeKey?: string;
                };
            };
        };
        responses: {
            /** @description A client error; `error.code` says which (400 `validation_failed` lists every field). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal_error` or `service_unavailable`; the request can be retried. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Accepted: on disk, processed afterwards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        success: true;
                    };
                };
            };
        };
    };
}
