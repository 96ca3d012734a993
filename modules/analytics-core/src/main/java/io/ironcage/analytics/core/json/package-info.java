/**
 * JSON forms of events, written and read with Jackson's streaming generator and tree model (no
 * reflection, so nothing needs to be opened to Jackson): the full form that round-trips every
 * field exactly, and the Protocol 012 request body that the Control API accepts.
 */
package io.ironcage.analytics.core.json;
