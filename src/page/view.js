/*
 * The report's view: selecting a path, zoom and pan, the step-through and
 * the URL fragment.  Attached from here, never from markup.
 */
(function () {
	"use strict";
	var infdiag = window.infdiag = window.infdiag || {};

	infdiag.view = {};
}());
