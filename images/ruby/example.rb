$stdout.sync = true
name = ($stdin.gets || '').strip
name = 'world' if name.empty?
(1..3).each do |step|
  puts "Hello, #{name}! (#{step}/3)"
  sleep 0.5
end
