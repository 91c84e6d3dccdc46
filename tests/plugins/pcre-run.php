<?php

/**
 * Matches values against PCRE patterns as the CMS plugins do, for tests/plugins/patterns.test.ts.
 * Usage: php pcre-run.php < cases.json, where each case is [pattern, value]; prints a JSON array of
 * booleans (preg_match() === 1).
 */

$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$results = [];

foreach ($cases as [$pattern, $value]) {
    $results[] = preg_match($pattern, $value) === 1;
}

echo json_encode($results, JSON_THROW_ON_ERROR);
