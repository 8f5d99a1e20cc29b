import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: running 3 programs (1 @oom-mem check) from src/gcvm')
assert log =~ /PASS\s+oom\.mit\s/
assert log =~ /PASS\s+tight\.mit\s/
assert log =~ /PASS\s+tight\.mit@oom\s/
assert log =~ /EXPECTED_FAILURE_MISSING\s+nodiv\.mit\s/
assert log.contains('expected IllegalArithmeticException (src/gcvm/nodiv.mit:@expect), but the program ended normally')
assert log.contains('Programs run: 4, Passed: 3, Failed: 1 (EXPECTED_FAILURE_MISSING: 1)')
assert log.contains('the build goes on because gcvm.failOnError is false')
assert log.contains('BUILD SUCCESS')

assert result('oom.mit').@verdict == 'PASS'
assert result('oom.mit').error.@name == 'OutOfMemoryException'
def t = result('tight.mit@oom')
assert t.@verdict == 'PASS'
assert t.settings.@memMb == '1'
assert t.settings.@oomCheck == 'true'
assert t.error.@name == 'OutOfMemoryException'
assert result('tight.mit').settings.@memMb == '4'
assert result('nodiv.mit').@verdict == 'EXPECTED_FAILURE_MISSING'
assert summary().@failed == '1'
return true
