import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log =~ /WRONG_OUTPUT\s+count\.mit\s/
assert log.contains('output differs from src/gcvm/count.mit.out at line 3')
assert log.contains('--- src/gcvm/count.mit.out (expected)')
assert log.contains('+++ src/gcvm/count.mit (actual stdout)')
assert log.contains('@@ -1,5 +1,5 @@')
assert log.contains('[ERROR]     -three')
assert log.contains('[ERROR]     +3')
assert log.contains('Programs run: 1, Passed: 0, Failed: 1 (WRONG_OUTPUT: 1)')
assert log.contains('1 of 1 gc-vm program failed')

def r = result('count.mit')
assert r.@verdict == 'WRONG_OUTPUT'
assert r.diff.@firstDifference == '3'
assert r.diff.text().contains('-three\n+3\n')
return true
